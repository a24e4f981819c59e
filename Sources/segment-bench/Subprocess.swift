import Foundation

/// Small blocking helpers for the tools the bench calls out to (curl, zstd, sh).
enum Subprocess {
    /// Runs `arguments[0]` (looked up on PATH) with the rest; fails with stderr's gist on a non-zero exit.
    @discardableResult
    static func run(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Drain stdout before waiting, so a large output cannot fill the pipe and stall the child.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw BenchError("\(arguments.first ?? "command") exited with \(process.terminationStatus): \(text)")
        }
        return data
    }

    /// `GET url` into `file` (via curl, so the bench needs no HTTP client of its own).
    static func download(_ url: String, to file: String) throws {
        try run(["curl", "-sS", "--fail", "-o", file, url])
    }

    /// Size of a file in bytes.
    static func size(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }
}
