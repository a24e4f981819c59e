import Foundation
import Synchronization

/// The real `baton-segment` executable, run as a child process with a given environment, its
/// stderr (the log) collected line by line so a test can wait for a line instead of sleeping.
final class ConnectorProcess: Sendable {
    private let process: Process
    private let output = Output()

    /// The collected lines; a class so the pipe's handler can share it.
    private final class Output: Sendable {
        let state = Mutex(State())
    }

    private struct State {
        var lines: [String] = []
        var partial = ""
        var waiters: [(needle: String, continuation: CheckedContinuation<String?, Never>)] = []
        var ended = false
    }

    /// The executable beside the test bundle (SwiftPM puts every product in one folder).
    static var executable: URL {
        Bundle.main.bundleURL.appendingPathComponent("baton-segment")
    }

    init(arguments: [String] = [], environment: [String: String]) throws {
        process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        errors.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            let ready = output.state.withLock { state -> [(CheckedContinuation<String?, Never>, String?)] in
                if data.isEmpty {
                    state.ended = true
                    let all = state.waiters.map { ($0.continuation, Optional<String>.none) }
                    state.waiters = []
                    handle.readabilityHandler = nil
                    return all
                }
                state.partial += String(decoding: data, as: UTF8.self)
                var found: [(CheckedContinuation<String?, Never>, String?)] = []
                while let newline = state.partial.firstIndex(of: "\n") {
                    let line = String(state.partial[..<newline])
                    state.partial = String(state.partial[state.partial.index(after: newline)...])
                    state.lines.append(line)
                    let (matched, waiting) = (
                        state.waiters.filter { line.contains($0.needle) },
                        state.waiters.filter { !line.contains($0.needle) }
                    )
                    state.waiters = waiting
                    found += matched.map { ($0.continuation, line) }
                }
                return found
            }
            for (continuation, line) in ready { continuation.resume(returning: line) }
        }
        try process.run()
    }

    /// Every line logged so far.
    var lines: [String] { output.state.withLock { $0.lines } }

    /// The first line containing `needle`, logged already or later; nil if the process ends first.
    func line(containing needle: String) async -> String? {
        await withCheckedContinuation { continuation in
            let existing: String?? = output.state.withLock { state in
                if let line = state.lines.first(where: { $0.contains(needle) }) { return .some(line) }
                if state.ended { return .some(nil) }
                state.waiters.append((needle, continuation))
                return nil
            }
            if let existing { continuation.resume(returning: existing) }
        }
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the process to exit and returns its status.
    func exitStatus() async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.process.waitUntilExit()
                continuation.resume(returning: self.process.terminationStatus)
            }
        }
    }
}
