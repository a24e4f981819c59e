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
        let summary: SyncSummary
        let wall: Double
        do {
            let connector = SegmentConnector(client: client, concurrency: concurrency)
            var options = SyncOptions()
            options.maxConcurrentListings = concurrency
            let store = C1ZSyncStore(path: c1z, options: C1ZWriterOptions(tempDirectory: work, logger: logger))
            let started = ContinuousClock.now
            summary = try await SyncEngine(connector: connector, store: store, options: options, logger: logger).run()
            wall = (ContinuousClock.now - started).benchSeconds
        } catch {
            try? await client.shutdown()
            throw error
        }
        // Peak memory first: the measurements below (snapshot decoding) must not count.
        let peak = PeakMemory.megabytes()
        let requests = await client.requestCounts
        try await client.shutdown()

        let statsFile = (work as NSString).appendingPathComponent("stats.json")
        try Subprocess.download(simulator.baseURL + "/__simulator/stats", to: statsFile)
        let stats = try JSONDecoder().decode(SimulatorStats.self, from: Data(contentsOf: URL(fileURLWithPath: statsFile)))
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
        return ScenarioResult(
            scenario: scenario, concurrency: concurrency, wallSeconds: wall, requests: requests,
            serverRequests: stats.requests, http429: stats.http429, minimum: minimum, peakRSSMegabytes: peak,
            compression: compression, objects: objects, resources: summary.resources, entitlements: summary.entitlements,
            grants: summary.grants, expandedGrants: summary.expandedGrants)
    }

    private static func makeTemporaryDirectory() throws -> String {
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
