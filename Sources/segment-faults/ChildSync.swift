import Foundation

/// One `baton-segment` sync as a child process: logs to a file, stderr to a file, bounded time.
struct ChildSync {
    struct Result {
        var status: Int32
        var stderr: String
        var log: String
        var timedOut: Bool
    }

    let binary: String
    let arguments: [String]
    let stderrPath: String
    let logPath: String

    func start() throws -> Process {
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments + ["--log-path", logPath, "--log-format", "json", "--log-level", "info"]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BATON_") }
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits for `process` to exit, killing it after `limit` seconds.
    static func wait(_ process: Process, limit: Double) async -> (status: Int32, timedOut: Bool) {
        let deadline = Date().addingTimeInterval(limit)
        let exited: Bool = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                while process.isRunning, Date() < deadline { usleep(20_000) }
                continuation.resume(returning: !process.isRunning)
            }
        }
        if !exited {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return (process.terminationStatus, true)
        }
        process.waitUntilExit()
        return (process.terminationStatus, false)
    }

    func result(status: Int32, timedOut: Bool) -> Result {
        Result(
            status: status, stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "",
            log: (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "", timedOut: timedOut)
    }
}
