import BatonKit
import BatonStore
import Foundation
import Logging
import SegmentAPI
import SegmentConnector
import SegmentSimulator

/// Runs one scenario: simulator child process up, full sync into a temporary c1z with the same
/// wiring as `baton-segment`, measurements taken, everything torn down (also on errors).
struct ScenarioRunner {
    let scenario: Scenario
    let simulatorExecutable: String
    /// The connector's default (`--concurrency`), used by connector, engine and client alike.
    let concurrency = SegmentClientConfiguration.defaultConcurrency
    let logger: Logger
    /// Scenario C: where to leave the finished file for scenario E (nil = delete it).
    var keepC1Z: String?

    func run() async throws -> ScenarioResult {
        let work = try Self.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        logger.info(
            "starting simulator",
            metadata: [
                "scenario": .string(scenario.name),
                "arguments": .string(scenario.simulatorArguments.joined(separator: " ")),
            ])
        let simulator = try SimulatorProcess(executable: simulatorExecutable, arguments: scenario.simulatorArguments)
        defer { simulator.stop() }

        // The sync, wired as baton-segment wires it.
        var configuration = try SegmentClientConfiguration(token: "sim-token", baseURL: simulator.baseURL)
        configuration.maxConcurrentRequests = concurrency
        configuration.readsPerMinute = scenario.clientReadsPerMinute
        configuration.logger = logger
        let client = try SegmentClient(configuration: configuration)
        let c1z = (work as NSString).appendingPathComponent("bench.c1z")
        // C runs into a file that already holds a sync of the same workspace: a seeding sync by
        // baton-segment in a child process of its own (its memory never counts here), then the
        // measured one. Server-side counts are taken as a difference over the measured sync.
        var seedBytes = 0
        var statsBefore = SimulatorStats()
        if scenario.seedsDestination {
            try ChildProcess.run(
                BenchCommand.besideMe("baton-segment"),
                [
                    "--token", "sim-token", "--base-url", simulator.baseURL, "-f", c1z,
                    "--c1z-temp-dir", work, "--log-level", "warn",
                ], what: "the seeding sync")
            seedBytes = try Subprocess.size(of: c1z)
            statsBefore = try Self.stats(simulator, work: work)
        }
        let summary: SyncSummary
        let wall: Double
        let timings = SyncTimings()
        var rssBeforeSync = 0.0
        let store: C1ZSyncStore
        do {
            let connector = SegmentConnector(client: client, concurrency: concurrency)
            var options = SyncOptions()
            options.maxConcurrentListings = concurrency
            store = C1ZSyncStore(path: c1z, options: C1ZWriterOptions(tempDirectory: work, logger: logger))
            rssBeforeSync = PeakMemory.currentMegabytes()
            let started = ContinuousClock.now
            summary = try await SyncEngine(
                connector: connector, store: store, options: options, logger: logger,
                timings: timings
            ).run()
            wall = (ContinuousClock.now - started).benchSeconds
        } catch {
            try? await client.shutdown()
            throw error
        }
        // Peak memory first: the measurements below (snapshot decoding) must not count.
        let peak = PeakMemory.megabytes()
        let requests = await client.requestCounts
        try await client.shutdown()

        let stats = try Self.stats(simulator, work: work).minus(statsBefore)
        let storeTimings = await store.timings
        let snapshotFile = (work as NSString).appendingPathComponent("snapshot.json")
        try Subprocess.download(simulator.baseURL + "/__simulator/snapshot", to: snapshotFile)
        simulator.stop()
        let minimum = try scoped {
            let snapshot = try JSONDecoder().decode(WorkspaceSnapshot.self, from: Data(contentsOf: URL(fileURLWithPath: snapshotFile)))
            return RequestMinimum.byOperation(
                snapshot, pageSize: configuration.pageSize,
                listIncludesPermissions: scenario.listIncludesPermissions)
        }
        let compression = try CompressionCheck.measure(c1z: c1z, workDirectory: work)
        let objects = summary.resourceTypes + summary.resources + summary.entitlements + summary.grants + summary.expandedGrants
        var result = ScenarioResult(
            scenario: scenario, concurrency: concurrency, wallSeconds: wall, requests: requests,
            serverRequests: stats.requests, http429: stats.http429, minimum: minimum, peakRSSMegabytes: peak,
            compression: compression, objects: objects, resources: summary.resources, entitlements: summary.entitlements,
            grants: summary.grants, expandedGrants: summary.expandedGrants)
        result.rssBeforeSyncMegabytes = rssBeforeSync
        if scenario.measuresFloor {
            result.seedC1ZBytes = seedBytes
            result.breakdown = Breakdown(
                phases: timings.phases, connectorSeconds: timings.connectorSeconds,
                connectorCalls: timings.connectorCalls, encodeSeconds: storeTimings.encodeSeconds,
                writer: storeTimings.writer)
            result.floor = try Self.floor(image: compression.imagePath, work: work, level: C1ZFormat.defaultCompressionLevel)
        }
        try? FileManager.default.removeItem(atPath: compression.imagePath)
        if let keepC1Z {
            try? FileManager.default.removeItem(atPath: keepC1Z)
            try FileManager.default.moveItem(atPath: c1z, toPath: keepC1Z)
        }
        return result
    }

    /// The simulator's counters now.
    static func stats(_ simulator: SimulatorProcess, work: String) throws -> SimulatorStats {
        let statsFile = (work as NSString).appendingPathComponent("stats.json")
        try Subprocess.download(simulator.baseURL + "/__simulator/stats", to: statsFile)
        return try JSONDecoder().decode(SimulatorStats.self, from: Data(contentsOf: URL(fileURLWithPath: statsFile)))
    }

    /// The floor of the finished file's contents, measured in a child process of its own.
    static func floor(image: String, work: String, level: Int32) throws -> FloorMeasurement {
        let output = (work as NSString).appendingPathComponent("floor.json")
        try ChildProcess.run(
            BenchCommand.besideMe("segment-bench"),
            [
                "--floor-image", image, "--floor-work", work,
                "--floor-level", "\(level)",
            ],
            stdoutPath: output, what: "the floor measurement")
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BenchError("the floor measurement printed no JSON object")
        }
        return FloorMeasurement(json: json)
    }

    static func makeTemporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("segment-bench-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else { throw BenchError("cannot create a temporary directory") }
        return String(cString: created)
    }
}

/// Runs `body` (a scope, so its large temporaries are freed on return).
private func scoped<T>(_ body: () throws -> T) rethrows -> T { try body() }

extension Duration {
    var benchSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension SimulatorStats {
    /// The counts since `earlier`.
    func minus(_ earlier: SimulatorStats) -> SimulatorStats {
        var requests = self.requests
        for (operation, count) in earlier.requests { requests[operation, default: 0] -= count }
        return SimulatorStats(
            requests: requests.filter { $0.value != 0 }, total: total - earlier.total,
            http429: http429 - earlier.http429, faults: faults - earlier.faults)
    }
}
