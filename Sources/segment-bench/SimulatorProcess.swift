import Foundation

/// `segment-simulator` as a child process, so the bench's own peak memory measures the sync alone.
final class SimulatorProcess {
    let process: Process
    let baseURL: String

    /// Starts the executable and waits for its first stdout line, `listening on http://HOST:PORT`.
    init(executable: String, arguments: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchError(
                "simulator executable not found at \(executable) (build it: swift build -c release --product segment-simulator)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.standardError
        try process.run()
        self.process = process
        do {
            let line = try Self.firstLine(of: stdout.fileHandleForReading)
            guard let range = line.range(of: "listening on ") else {
                throw BenchError("simulator said \"\(line)\" instead of its address")
            }
            baseURL = String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        } catch {
            process.terminate()
            process.waitUntilExit()
            throw error
        }
    }

    /// Stops the simulator and waits for it to exit. Safe to call twice.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }

    private static func firstLine(of handle: FileHandle) throws -> String {
        var bytes: [UInt8] = []
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty {
                throw BenchError("simulator exited before printing its address")
            }
            for byte in chunk {
                if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
                bytes.append(byte)
            }
        }
    }
}

/// A bench failure, printed as one line.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
