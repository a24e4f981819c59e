import BatonKit
import BatonStore
import Foundation
import Logging
import SegmentAPI
import SegmentConnector
import SegmentSimulator
import TestSupport

/// A simulator on loopback (port 0) serving one workspace, a temp directory for c1z files, and
/// in-process syncs of the real connector into real c1z files.
struct SyncFixture: Sendable {
    static let token = "sim-e2e-SECRET-token-7"

    let simulator: RunningSimulator
    /// The workspace as the simulator serves it (its `/__simulator/snapshot`).
    let snapshot: WorkspaceSnapshot
    let plan: Plan
    let directory: URL

    /// How each sync's client is set up.
    struct ClientSettings: Sendable {
        var token = SyncFixture.token
        var pageSize = 200
        var maxRetries = 2
        var concurrency = 8
    }

    /// Starts a simulator on `state` (or a generated workspace), runs `body`, tears everything down.
    static func run<T: Sendable>(
        size: WorkspaceSize = .demo, plan: Plan = .business, seed: UInt64 = 11, state: WorkspaceSnapshot? = nil,
        listIncludesPermissions: Bool = false, readRatePerMinute: Int? = nil,
        _ body: (SyncFixture) async throws -> T
    ) async throws -> T {
        let initial = state ?? WorkspaceGenerator.generate(seed: seed, size: size, plan: plan)
        let configuration = SimulatorConfiguration(
            token: token, plan: plan, readRatePerMinute: readRatePerMinute, listIncludesPermissions: listIncludesPermissions)
        let simulator = try await RunningSimulator.start(state: initial, configuration: configuration)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("segment-e2e-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let fixture = SyncFixture(simulator: simulator, snapshot: await simulator.snapshot(), plan: plan, directory: directory)
            let result = try await body(fixture)
            try? FileManager.default.removeItem(at: directory)
            try await simulator.shutdown()
            return result
        } catch {
            try? FileManager.default.removeItem(at: directory)
            try? await simulator.shutdown()
            throw error
        }
    }

    /// A path in the fixture's temp directory.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// What the fixture's directory holds, so a failed sync can be shown to leave no debris.
    func directoryListing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// The oracle for the fixture's workspace.
    var expected: ExpectedWorkspace { ExpectedWorkspace(snapshot, plan: plan) }

    /// Runs one full sync of a fresh connector into `file`; throws what the sync throws.
    /// `baseURL` points the client elsewhere (a hostile stand-in in front of the simulator).
    @discardableResult
    func sync(
        into file: String, settings: ClientSettings = ClientSettings(), logs: CapturedLogs? = nil,
        baseURL: String? = nil
    ) async throws -> SyncSummary {
        var configuration = try SegmentClientConfiguration(token: settings.token, baseURL: baseURL ?? simulator.baseURL)
        configuration.pageSize = settings.pageSize
        configuration.maxRetries = settings.maxRetries
        configuration.retryBaseDelay = .milliseconds(5)
        configuration.maxBackoff = .milliseconds(20)
        configuration.requestTimeout = .seconds(10)
        configuration.logger = Logger(label: "segment-api-test") { _ in SwiftLogNoOpLogHandler() }
        let client = try SegmentClient(configuration: configuration)
        let logger = logs?.logger() ?? Logger(label: "segment-connector-test") { _ in SwiftLogNoOpLogHandler() }
        let engine = SyncEngine(
            connector: SegmentConnector(client: client, concurrency: settings.concurrency),
            store: C1ZSyncStore(path: file), logger: logger)
        do {
            let summary = try await engine.run()
            try await client.shutdown()
            return summary
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
