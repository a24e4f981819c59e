import ArgumentParser
import Foundation
import Logging

/// `segment-bench`: runs scenarios A to E and prints one JSON object per scenario.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment-bench",
        abstract: "Benchmark a full Segment sync against the simulator: time, API requests, memory, c1z size.")

    @Option(help: "Scenario to run: A, B, C, D, E or all.") var scenario = "all"
    @Option(help: "Also append the JSON lines to this file.") var output: String?
    @Option(help: "segment-simulator executable (default: beside this one).") var simulator: String?
    @Option(help: "Multiply every workspace count by this (quick checks; 1 = as specified).") var scale = 1.0
    @Option(help: "Log level on stderr: trace, debug, info, warning, error.") var logLevel = "warning"
    @Option(help: ArgumentHelp("C: leave the finished c1z here (for E).", visibility: .hidden)) var keepC1z: String?
    @Option(help: ArgumentHelp("E: the c1z to provision against (default: sync C's workspace first).", visibility: .hidden))
    var c1z: String?
    @Option(help: ArgumentHelp("Internal: measure the floor of this SQLite image and print it.", visibility: .hidden))
    var floorImage: String?
    @Option(help: ArgumentHelp("Internal: the floor's work directory.", visibility: .hidden)) var floorWork: String?
    @Option(help: ArgumentHelp("Internal: print E's grant and revoke targets from this simulator.", visibility: .hidden))
    var pickProvisioningTargets: String?
    @Option(help: ArgumentHelp("Internal: the floor's zstd level.", visibility: .hidden)) var floorLevel: Int32 = 3

    func validate() throws {
        guard scenario.lowercased() == "all" || Scenario.named(scenario) != nil else {
            throw ValidationError("--scenario must be A, B, C, D, E or all")
        }
        guard scale > 0, scale <= 10 else { throw ValidationError("--scale must be in (0, 10]") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be trace, debug, info, warning or error")
        }
    }

    func run() async throws {
        if let pickProvisioningTargets { return try ProvisioningScenario.pickTargets(baseURL: pickProvisioningTargets) }
        if let floorImage {
            let floor = try FloorMeasurement.measure(image: floorImage, work: floorWork ?? NSTemporaryDirectory(), level: floorLevel)
            FileHandle.standardOutput.write(Data((floor.json.text + "\n").utf8))
            return
        }
        let selected = scenario.lowercased() == "all" ? Scenario.names : [scenario.uppercased()]
        if selected.count > 1 {
            // Each scenario in a fresh process of its own, so one scenario's peak memory cannot
            // be inherited by the next. C leaves its file for E, which provisions against it.
            let shared = try ScenarioRunner.makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: shared) }
            let cFile = (shared as NSString).appendingPathComponent("c.c1z")
            for name in selected {
                var extra: [String] = []
                if name == "C" { extra = ["--keep-c1z", cFile] }
                if name == "E", FileManager.default.fileExists(atPath: cFile) { extra = ["--c1z", cFile] }
                try emit(try runChild(name, extra: extra))
            }
            return
        }
        let line = try await runHere(selected[0])
        try emit(line)
    }

    private func runHere(_ name: String) async throws -> String {
        var logger = Logger(label: "segment-bench") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        guard let scenario = Scenario.named(name, scale: scale) else { throw BenchError("unknown scenario \(name)") }
        let simulatorExecutable = simulator ?? Self.besideMe("segment-simulator")
        switch scenario.name {
        case "D":
            return try await ServiceScenario(scenario: scenario, simulatorExecutable: simulatorExecutable, logger: logger).run()
        case "E":
            return try await ProvisioningScenario(
                scenario: scenario, simulatorExecutable: simulatorExecutable, logger: logger,
                c1z: c1z
            ).run()
        default:
            var runner = ScenarioRunner(scenario: scenario, simulatorExecutable: simulatorExecutable, logger: logger)
            runner.keepC1Z = keepC1z
            return try await runner.run().json.text
        }
    }

    private func runChild(_ name: String, extra: [String]) throws -> String {
        var arguments = ["--scenario", name, "--scale", "\(scale)", "--log-level", logLevel] + extra
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
