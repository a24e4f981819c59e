import Foundation
import Logging
import SegmentSimulator

/// Scenario E: a one-shot grant and a one-shot revoke, each `baton-segment` in a child process
/// of its own, against scenario C's file (100,000 users). Measures each command's wall time
/// less the Segment calls' own latency (requests × the simulator's latency), its peak memory
/// and the requests it made; the file is only read.
struct ProvisioningScenario {
    let scenario: Scenario
    let simulatorExecutable: String
    let logger: Logger
    /// Scenario C's finished file; when nil (E alone), a sync of C's workspace makes one first.
    var c1z: String?

    func run() async throws -> String {
        let work = try ScenarioRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let simulator = try SimulatorProcess(executable: simulatorExecutable, arguments: scenario.simulatorArguments)
        defer { simulator.stop() }
        let connector = BenchCommand.besideMe("baton-segment")
        var file = c1z ?? ""
        let madeHere = c1z.map { !FileManager.default.fileExists(atPath: $0) } ?? true
        if madeHere {
            file = (work as NSString).appendingPathComponent("e.c1z")
            logger.info("syncing C's workspace for E", metadata: ["file": .string(file)])
            try ChildProcess.run(
                connector,
                [
                    "--token", "sim-token", "--base-url", simulator.baseURL, "-f", file,
                    "--c1z-temp-dir", work, "--log-level", "warn",
                ], what: "the sync making E's file")
        }

        // A group with members, a user outside it (granted), and one of its members (revoked),
        // picked from the snapshot by a child process: decoding 100,000 users here would raise
        // this process's high-water mark, which a spawned child's ru_maxrss inherits at exec.
        let picked = (work as NSString).appendingPathComponent("targets.txt")
        try ChildProcess.run(
            BenchCommand.besideMe("segment-bench"), ["--pick-provisioning-targets", simulator.baseURL],
            stdoutPath: picked, what: "picking the grant and revoke targets")
        let ids = try String(contentsOfFile: picked, encoding: .utf8).split(whereSeparator: \.isWhitespace).map(String.init)
        guard ids.count == 3 else { throw BenchError("no group with members and a user outside it") }
        let (group, newcomer, member) = (ids[0], ids[1], ids[2])

        let common = [
            "--token", "sim-token", "--base-url", simulator.baseURL, "-f", file, "--c1z-temp-dir", work,
            "--log-level", "warn",
        ]
        let grant = try measure(
            connector,
            common + [
                "--grant-entitlement", "group:\(group):member",
                "--grant-principal", newcomer, "--grant-principal-type", "user",
            ],
            simulator: simulator, work: work, what: "the one-shot grant")
        let revoke = try measure(
            connector, common + ["--revoke-grant", "group:\(group):member:user:\(member)"],
            simulator: simulator, work: work, what: "the one-shot revoke")
        let fileBytes = try Subprocess.size(of: file)

        let latency = Double(scenario.latencyMs) / 1000
        let grantSeconds = grant.outcome.wallSeconds - Double(grant.requests.total) * latency
        let revokeSeconds = revoke.outcome.wallSeconds - Double(revoke.requests.total) * latency
        let peak = max(grant.outcome.peakRSSMegabytes, revoke.outcome.peakRSSMegabytes)
        var requests = grant.requests.requests
        for (operation, count) in revoke.requests.requests { requests[operation, default: 0] += count }
        let targets = [
            Target(name: "grant_within_1s", value: grantSeconds, limit: 1),
            Target(name: "revoke_within_1s", value: revokeSeconds, limit: 1),
            Target(name: "peak_rss_at_most_100mb", value: peak, limit: 100),
        ]
        return JSONLine.object([
            ("scenario", .string("E")),
            ("grant_s", .seconds(grantSeconds)),
            ("revoke_s", .seconds(revokeSeconds)),
            ("peak_rss_mb", .number(peak, decimals: 1)),
            ("requests", .counts(requests)),
            ("requests_total", .int(grant.requests.total + revoke.requests.total)),
            (
                "grant",
                .object([
                    ("wall_s", .seconds(grant.outcome.wallSeconds)), ("peak_rss_mb", .number(grant.outcome.peakRSSMegabytes, decimals: 1)),
                    ("requests", .counts(grant.requests.requests)),
                ])
            ),
            (
                "revoke",
                .object([
                    ("wall_s", .seconds(revoke.outcome.wallSeconds)),
                    ("peak_rss_mb", .number(revoke.outcome.peakRSSMegabytes, decimals: 1)),
                    ("requests", .counts(revoke.requests.requests)),
                ])
            ),
            (
                "bench_peak_at_spawn_mb",
                .number(max(grant.outcome.parentPeakAtSpawnMegabytes, revoke.outcome.parentPeakAtSpawnMegabytes), decimals: 1)
            ),
            ("c1z_bytes", .int(fileBytes)),
            ("file_from_c", .bool(!madeHere)),
            ("latency_ms", .int(scenario.latencyMs)),
            ("users", .int(scenario.size.users)),
            ("targets", Target.line(targets)),
        ]).text
    }

    /// Prints `<group> <user outside it> <member of it>` from the simulator's snapshot at `baseURL`.
    static func pickTargets(baseURL: String) throws {
        let work = try ScenarioRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let snapshotFile = (work as NSString).appendingPathComponent("snapshot.json")
        try Subprocess.download(baseURL + "/__simulator/snapshot", to: snapshotFile)
        let snapshot = try JSONDecoder().decode(WorkspaceSnapshot.self, from: Data(contentsOf: URL(fileURLWithPath: snapshotFile)))
        let userIds = Set(snapshot.users.map(\.id))
        guard let group = snapshot.groups.first(where: { $0.members.contains(where: userIds.contains) }),
            let member = group.members.first(where: userIds.contains),
            let newcomer = snapshot.users.first(where: { !group.members.contains($0.id) })?.id
        else {
            throw BenchError("the workspace has no group with members and a user outside it")
        }
        FileHandle.standardOutput.write(Data("\(group.id) \(newcomer) \(member)\n".utf8))
    }

    private func measure(
        _ executable: String, _ arguments: [String], simulator: SimulatorProcess, work: String,
        what: String
    ) throws -> (outcome: ChildProcess.Outcome, requests: SimulatorStats) {
        let before = try ScenarioRunner.stats(simulator, work: work)
        let output = (work as NSString).appendingPathComponent("provisioning.out")
        let outcome = try ChildProcess.run(executable, arguments, stdoutPath: output, what: what)
        let after = try ScenarioRunner.stats(simulator, work: work)
        return (outcome, after.minus(before))
    }
}
