import Foundation

/// The built `baton-segment` executable run as a child process, with its stderr readable as it
/// arrives (to act on a log line, not on a guess about timing) and its exit awaited.
final class BatonSegmentProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched from the creating task; output goes through `lock`.
    private let process = Process()
    private let lock = NSLock()
    private var stderrText = ""
    private var stdoutText = ""
    private var waiters: [(String, CheckedContinuation<Bool, Never>)] = []
    private var exited: CheckedContinuation<Int32, Never>?
    private var exitStatus: Int32?

    /// The executable beside this test bundle (`swift build` puts both in the same folder).
    static var executable: URL {
        if let override = ProcessInfo.processInfo.environment["BATON_SEGMENT_BINARY"] { return URL(fileURLWithPath: override) }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("baton-segment")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/baton-segment")
    }

    init(arguments: [String], environment: [String: String] = [:], directory: String) throws {
        process.executableURL = Self.executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BATON_") }
        env.merge(environment) { $1 }
        process.environment = env
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe(), output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, error: true) }
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, error: false) }
        process.terminationHandler = { [weak self] finished in self?.finish(finished.terminationStatus) }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var stderr: String { lock.withLock { stderrText } }
    var stdout: String { lock.withLock { stdoutText } }

    /// Waits until stderr contains `text`; false if the process exited first.
    func waitForStderr(containing text: String) async -> Bool {
        await withCheckedContinuation { continuation in
            lock.lock()
            if stderrText.contains(text) { lock.unlock(); continuation.resume(returning: true); return }
            if exitStatus != nil { lock.unlock(); continuation.resume(returning: false); return }
            waiters.append((text, continuation))
            lock.unlock()
        }
    }

    /// Waits for the exit status.
    func exitCode() async -> Int32 {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let exitStatus { lock.unlock(); continuation.resume(returning: exitStatus); return }
            exited = continuation
            lock.unlock()
        }
    }

    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Runs to completion and returns the exit status with both outputs.
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: String) async throws
        -> (status: Int32, stderr: String, stdout: String)
    {
        let child = try BatonSegmentProcess(arguments: arguments, environment: environment, directory: directory)
        let status = await child.exitCode()
        return (status, child.stderr, child.stdout)
    }

    private func append(_ data: Data, error: Bool) {
        guard !data.isEmpty else { return }
        lock.lock()
        if error { stderrText += String(decoding: data, as: UTF8.self) } else { stdoutText += String(decoding: data, as: UTF8.self) }
        let ready = waiters.filter { stderrText.contains($0.0) }
        waiters.removeAll { stderrText.contains($0.0) }
        lock.unlock()
        for (_, continuation) in ready { continuation.resume(returning: true) }
    }

    private func finish(_ status: Int32) {
        // Let the pipes drain what the child wrote last before anyone reads the output.
        for (pipe, isError) in [(process.standardError, true), (process.standardOutput, false)] {
            guard let pipe = pipe as? Pipe else { continue }
            pipe.fileHandleForReading.readabilityHandler = nil
            append(pipe.fileHandleForReading.readDataToEndOfFile(), error: isError)
        }
        lock.lock()
        exitStatus = status
        let pending = waiters
        waiters = []
        let exitWaiter = exited
        exited = nil
        lock.unlock()
        for (_, continuation) in pending { continuation.resume(returning: false) }
        exitWaiter?.resume(returning: status)
    }
}
