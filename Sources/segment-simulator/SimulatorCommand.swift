import ArgumentParser
import Foundation
import SegmentSimulator

/// `segment-simulator`: serve a simulated Segment workspace until killed.
@main
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment-simulator",
        abstract: "Serve a stateful fake of the Segment Public API.",
        subcommands: [DemoChangesCommand.self])

    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to bind (0 picks a free one).") var port = 0
    @Option(help: "Bearer token clients must send.") var token = "sim-token"
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Option(help: "Workspace size: demo, small, medium or large.") var preset = "demo"
    @Option(help: "Users (overrides the preset).") var users: Int?
    @Option(help: "User groups (overrides the preset).") var groups: Int?
    @Option(help: "Sources (overrides the preset).") var sources: Int?
    @Option(help: "Warehouses (overrides the preset).") var warehouses: Int?
    @Option(help: "Functions (overrides the preset).") var functions: Int?
    @Option(help: "Spaces (overrides the preset).") var spaces: Int?
    @Option(help: "Pending invites (overrides the preset).") var invites: Int?
    @Option(help: "Load this WorkspaceSnapshot JSON instead of generating.") var state: String?
    @Option(help: "Plan: business or team (team lacks groups, warehouses, spaces, labels and the audit trail).")
    var plan: Plan = .business
    @Option(
        name: .customLong("plan-lacks"),
        help: "Features the workspace lacks besides its plan's: groups,warehouses,spaces,labels,functions,audit-trail.")
    var planLacks = ""
    @Option(name: .customLong("latency-ms"), help: "Latency added to every API response.") var latencyMs = 0
    @Option(name: .customLong("read-rate"), help: "Reads allowed per minute (default unlimited).") var readRate: Int?
    @Option(name: .customLong("write-rate"), help: "IAM writes allowed per minute (default unlimited).") var writeRate: Int?
    @Option(name: .customLong("fault-rate"), help: "Probability 0...1 of a random fault per API request.") var faultRate = 0.0
    @Option(help: "Faults to draw from: 500,503,reset,timeout,malformed.") var faults = ""
    @Flag(name: .customLong("list-includes-permissions"), help: "Include permissions in user and group lists.")
    var listIncludesPermissions = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard WorkspaceSize.preset(preset) != nil else { throw ValidationError("--preset must be demo, small, medium or large") }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 1") }
        guard latencyMs >= 0 else { throw ValidationError("--latency-ms must not be negative") }
        for (name, value) in [("--read-rate", readRate), ("--write-rate", writeRate)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1") }
        }
        for (name, value) in [
            ("--users", users), ("--groups", groups), ("--sources", sources), ("--warehouses", warehouses),
            ("--functions", functions), ("--spaces", spaces), ("--invites", invites),
        ] {
            if let value, value < 0 { throw ValidationError("\(name) must not be negative") }
        }
        _ = try parsedFaults()
        _ = try lackedFeatures()
    }

    private func lackedFeatures() throws -> Set<PlanFeature> {
        do { return try PlanFeature.list(planLacks) } catch { throw ValidationError("--plan-lacks: \(error)") }
    }

    private func parsedFaults() throws -> [Fault] {
        try faults.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let fault = Fault(rawValue: trimmed) else {
                throw ValidationError("--faults: unknown fault \"\(trimmed)\" (use 500,503,reset,timeout,malformed)")
            }
            return fault
        }
    }

    private func workspace() throws -> WorkspaceSnapshot {
        if let state {
            guard let data = FileManager.default.contents(atPath: state) else {
                throw ValidationError("cannot read state file \(state)")
            }
            do {
                return try JSONDecoder().decode(WorkspaceSnapshot.self, from: data)
            } catch {
                throw ValidationError("state file \(state) is not a valid workspace snapshot")
            }
        }
        var size = WorkspaceSize.preset(preset) ?? .demo
        size.users = users ?? size.users
        size.groups = groups ?? size.groups
        size.sources = sources ?? size.sources
        size.warehouses = warehouses ?? size.warehouses
        size.functions = functions ?? size.functions
        size.spaces = spaces ?? size.spaces
        size.invites = invites ?? size.invites
        return WorkspaceGenerator.generate(seed: seed, size: size, plan: plan)
    }

    func run() async throws {
        var configuration = SimulatorConfiguration(
            token: token, host: host, port: port, plan: plan, latencyMs: latencyMs,
            readRatePerMinute: readRate, writeRatePerMinute: writeRate, faultRate: faultRate,
            faults: try parsedFaults(), listIncludesPermissions: listIncludesPermissions)
        configuration.faultSeed = seed
        configuration.planLacks = try lackedFeatures()
        let simulator = try await RunningSimulator.start(state: try workspace(), configuration: configuration)
        // Unbuffered write: whoever started us waits for this exact first line.
        FileHandle.standardOutput.write(Data("listening on \(simulator.baseURL)\n".utf8))
        while true { try await Task.sleep(for: .seconds(3_600)) }
    }

    /// Parse and run, turning any failure into one line on stderr and a non-zero exit.
    static func main() async {
        do {
            let command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var plain = command
                try plain.run()
            }
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }  // --help
            let message =
                message(for: error)
                .split(whereSeparator: \.isNewline).first.map(String.init) ?? "failed"
            FileHandle.standardError.write(Data("segment-simulator: error: \(message)\n".utf8))
            let code = exitCode(for: error).rawValue
            Foundation.exit(code == 0 ? 1 : code)
        }
    }
}

extension Plan: ExpressibleByArgument {}
