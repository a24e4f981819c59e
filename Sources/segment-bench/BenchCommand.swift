import ArgumentParser
import Foundation
import Logging

/// `segment-bench`: runs scenarios A, B and C and prints one JSON object per scenario.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment-bench",
        abstract: "Benchmark a full Segment sync against the simulator: time, API requests, memory, c1z size.")

    @Option(help: "Scenario to run: A, B, C or all.") var scenario = "all"
    @Option(help: "Also append the JSON lines to this file.") var output: String?
    @Option(help: "segment-simulator executable (default: beside this one).") var simulator: String?
    @Option(help: "Multiply every workspace count by this (quick checks; 1 = as specified).") var scale = 1.0
    @Option(help: "Log level on stderr: trace, debug, info, warning, error.") var logLevel = "warning"

    func validate() throws {
        guard scenario.lowercased() == "all" || Scenario.named(scenario) != nil else {
            throw ValidationError("--scenario must be A, B, C or all")
        }
        guard scale > 0, scale <= 10 else { throw ValidationError("--scale must be in (0, 10]") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be trace, debug, info, warning or error")
        }
    }

    func run() async throws {
        let selected = scenario.lowercased() == "all" ? Scenario.names : [scenario.uppercased()]
        if selected.count > 1 {
            // Each scenario in a fresh process of its own, so one scenario's peak memory cannot
            // be inherited by the next.
            for name in selected { try emit(try runChild(name)) }
            return
        }
        let line = try await runHere(selected[0])
        try emit(line)
    }

    private func runHere(_ name: String) async throws -> String {
        var logger = Logger(label: "segment-bench") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        guard let scenario = Scenario.named(name, scale: scale) else { throw BenchError("unknown scenario \(name)") }
        let runner = ScenarioRunner(
            scenario: scenario, simulatorExecutable: simulator ?? Self.besideMe("segment-simulator"),
            logger: logger)
        return try await runner.run().json.text
    }

    private func runChild(_ name: String) throws -> String {
        var arguments = ["--scenario", name, "--scale", "\(scale)", "--log-level", logLevel]
        if let simulator { arguments += ["--simulator", simulator] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.besideMe("segment-bench"))
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.standardError
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("scenario \(name) failed (exit \(process.terminationStatus))") }
        guard let line = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).last else {
            throw BenchError("scenario \(name) printed nothing")
        }
        return String(line)
    }

    private func emit(_ line: String) throws {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
        guard let output else { return }
        if !FileManager.default.fileExists(atPath: output) {
            guard FileManager.default.createFile(atPath: output, contents: nil) else { throw BenchError("cannot create \(output)") }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
    }

    /// An executable in the same directory as this one.
    static func besideMe(_ name: String) -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return ((me as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
    }
}
