import SegmentSimulator

/// One benchmark setting: the workspace the simulator serves, how slow and how strict it is,
/// and how the client is told to pace itself.
struct Scenario: Sendable {
    let name: String
    /// What it measures, for the docs and the log.
    let purpose: String
    /// The preset the size comes from (recorded for readers; the sizes are passed explicitly).
    let preset: String
    let size: WorkspaceSize
    let latencyMs: Int
    /// Reads the simulator allows per minute (nil = unlimited).
    let readRate: Int?
    /// What the user would pass as `--reads-per-minute` (nil = unpaced).
    let clientReadsPerMinute: Int?
    /// Whether user and group lists carry permissions (no per-principal GET needed).
    let listIncludesPermissions: Bool

    /// C: the measured sync runs into a file that already holds a (seeding) sync of the same
    /// workspace, and is compared with the floor of the finished file's contents.
    var seedsDestination: Bool { name == "C" }
    var measuresFloor: Bool { name == "C" }

    static let names = ["A", "B", "C", "D", "E"]

    /// The scenario called `name`, with every count multiplied by `scale` (1 = as specified).
    static func named(_ name: String, scale: Double = 1) -> Scenario? {
        switch name.uppercased() {
        case "A":
            return Scenario(
                name: "A", purpose: "latency: large preset, 50 ms per request, no rate limit",
                preset: "large", size: WorkspaceSize.large.scaled(scale), latencyMs: 50,
                readRate: nil, clientReadsPerMinute: nil, listIncludesPermissions: false)
        case "B":
            return Scenario(
                name: "B", purpose: "rate limit: medium preset, 10 ms, reads limited to 600 a minute",
                preset: "medium", size: WorkspaceSize.medium.scaled(scale), latencyMs: 10,
                readRate: 600, clientReadsPerMinute: 600, listIncludesPermissions: false)
        case "C":
            // The large preset times ten: 100,000 users with groups, resources and invites in proportion.
            // Lists carry permissions, so the run measures the sync's CPU and memory rather than
            // 100,000 loopback GETs competing with it for the same two cores.
            return Scenario(
                name: "C", purpose: "CPU and memory: 100,000 users, no latency",
                preset: "large x10", size: WorkspaceSize.large.scaled(10 * scale), latencyMs: 0,
                readRate: nil, clientReadsPerMinute: nil, listIncludesPermissions: true)
        case "D":
            // Service mode against the fake ConductorOne, compared with a one-shot sync of the same workspace.
            return Scenario(
                name: "D", purpose: "service mode: large preset, 50 ms, sync_full task to FinishTask",
                preset: "large", size: WorkspaceSize.large.scaled(scale), latencyMs: 50,
                readRate: nil, clientReadsPerMinute: nil, listIncludesPermissions: false)
        case "E":
            // One-shot grant and revoke against scenario C's file (C's workspace).
            return Scenario(
                name: "E", purpose: "one-shot provisioning against C's file",
                preset: "large x10", size: WorkspaceSize.large.scaled(10 * scale), latencyMs: 0,
                readRate: nil, clientReadsPerMinute: nil, listIncludesPermissions: true)
        default:
            return nil
        }
    }

    /// `segment-simulator` arguments serving this scenario on a free loopback port.
    var simulatorArguments: [String] {
        var arguments = [
            "--port", "0", "--seed", "1", "--preset", preset == "medium" ? "medium" : "large",
            "--users", "\(size.users)", "--groups", "\(size.groups)", "--sources", "\(size.sources)",
            "--warehouses", "\(size.warehouses)", "--functions", "\(size.functions)",
            "--spaces", "\(size.spaces)", "--invites", "\(size.invites)",
            "--latency-ms", "\(latencyMs)",
        ]
        if let readRate { arguments += ["--read-rate", "\(readRate)"] }
        if listIncludesPermissions { arguments.append("--list-includes-permissions") }
        return arguments
    }
}

extension WorkspaceSize {
    /// Every count multiplied by `factor` (rounded, at least 1 where the original had any).
    func scaled(_ factor: Double) -> WorkspaceSize {
        func s(_ n: Int) -> Int { n == 0 ? 0 : max(1, Int((Double(n) * factor).rounded())) }
        return WorkspaceSize(
            users: s(users), groups: s(groups), sources: s(sources), warehouses: s(warehouses),
            functions: s(functions), spaces: s(spaces), invites: s(invites))
    }
}
