import BatonKit
import BatonServiceMode
import BatonStore
import FakeConductorOne
import Foundation
import Logging
import SegmentAPI
import SegmentConnector
import SegmentSimulator
import TestSupport

/// A simulated Segment workspace, a fake ConductorOne over TLS with a CA made for the test, and a
/// folder for temporary c1z files: everything a service-mode test talks to over loopback.
struct ServiceFixture: Sendable {
    static let segmentToken = "sim-service-SECRET-token-3"

    let simulator: RunningSimulator
    let conductorOne: FakeConductorOne
    let snapshot: WorkspaceSnapshot
    /// The connector's `--c1z-temp-dir`: after a task it must hold nothing.
    let temporaryDirectory: String
    /// The CA's certificate, trusted through `SSL_CERT_FILE`.
    let caPath: String
    let logs = CapturedLogs()

    static func run<T: Sendable>(
        size: WorkspaceSize = .demo, plan: Plan = .business, seed: UInt64 = 21,
        simulatorLatencyMs: Int = 0,
        conductorOne configuration: FakeConductorOneConfiguration = .init(),
        _ body: (ServiceFixture) async throws -> T
    ) async throws -> T {
        let state = WorkspaceGenerator.generate(seed: seed, size: size, plan: plan)
        var simulatorConfiguration = SimulatorConfiguration(token: segmentToken, plan: plan)
        simulatorConfiguration.latencyMs = simulatorLatencyMs
        let simulator = try await RunningSimulator.start(state: state, configuration: simulatorConfiguration)
        let conductorOne: FakeConductorOne
        do { conductorOne = try await FakeConductorOne.start(configuration) } catch {
            try? await simulator.shutdown()
            throw error
        }
        let root = NSTemporaryDirectory() + "service-mode-\(UUID().uuidString)"
        let fixture = ServiceFixture(
            simulator: simulator, conductorOne: conductorOne, snapshot: await simulator.snapshot(),
            temporaryDirectory: root + "/tmp", caPath: root + "/ca.pem")
        defer { try? FileManager.default.removeItem(atPath: root) }
        do {
            try FileManager.default.createDirectory(atPath: fixture.temporaryDirectory, withIntermediateDirectories: true)
            try conductorOne.certificateAuthority.writeCACertificate(to: fixture.caPath)
            let result = try await body(fixture)
            try await conductorOne.shutdown()
            try await simulator.shutdown()
            return result
        } catch {
            // The service's own log is the best clue to why a wait timed out.
            for record in fixture.logs.all.suffix(40) { print("service log: [\(record.level)] \(record.line)") }
            try? await conductorOne.shutdown()
            try? await simulator.shutdown()
            throw error
        }
    }

    /// A Segment client of the simulator.
    func segmentClient(token: String = ServiceFixture.segmentToken) throws -> SegmentClient {
        var configuration = try SegmentClientConfiguration(token: token, baseURL: simulator.baseURL)
        configuration.maxRetries = 2
        configuration.retryBaseDelay = .milliseconds(5)
        configuration.maxBackoff = .milliseconds(20)
        configuration.requestTimeout = .seconds(10)
        configuration.logger = Logger(label: "segment-api-test") { _ in SwiftLogNoOpLogHandler() }
        return try SegmentClient(configuration: configuration)
    }

    /// The command line a service-mode process would resolve, pointed at the fake.
    func batonConfiguration(
        provisioning: Bool = true, clientSecret: String? = nil,
        configure: (inout BatonConfiguration) -> Void = { _ in }
    ) -> BatonConfiguration {
        var configuration = BatonConfiguration()
        configuration.action = .service(clientId: conductorOne.clientId, clientSecret: Secret(clientSecret ?? conductorOne.clientSecret))
        configuration.provisioning = provisioning
        configuration.c1zTempDir = temporaryDirectory
        configuration.service.apiHost = conductorOne.apiHost
        configuration.service.hostId = "service-test-host"
        configure(&configuration)
        return configuration
    }

    /// Starts service mode in this process (no signal handlers; ``RunningService/stop()`` ends it).
    func startService(
        provisioning: Bool = true, clientSecret: String? = nil, segmentToken: String = ServiceFixture.segmentToken,
        healthServerPorts: AsyncStream<Int>.Continuation? = nil,
        configure: (inout BatonConfiguration) -> Void = { _ in }
    ) throws -> RunningService {
        let baton = batonConfiguration(provisioning: provisioning, clientSecret: clientSecret, configure: configure)
        let settings = try ServiceModeConfiguration(
            baton: baton, environment: ["SSL_CERT_FILE": caPath],
            package: "baton-segment", version: "test")
        let client = try segmentClient(token: segmentToken)
        let mode = try ServiceMode(
            connector: SegmentConnector(client: client, concurrency: 8), configuration: settings,
            logger: logs.logger(), gracefulShutdownSignals: [],
            onHealthServerBound: { healthServerPorts?.yield($0) })
        return RunningService(mode: mode, client: client)
    }

    /// A one-shot sync of the same workspace into `path`, for comparing with what was uploaded.
    func oneShotSync(into path: String, options: SyncOptions = SyncOptions()) async throws {
        let client = try segmentClient()
        let engine = SyncEngine(
            connector: SegmentConnector(client: client, concurrency: 8), store: C1ZSyncStore(path: path),
            options: options, logger: Logger(label: "one-shot") { _ in SwiftLogNoOpLogHandler() })
        do { _ = try await engine.run() } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    /// What the temporary directory holds (it must be empty between tasks).
    func temporaryFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: temporaryDirectory)) ?? []).sorted()
    }
}

/// Service mode running in a task of the test; ``stop()`` shuts it down as SIGTERM would.
final class RunningService: Sendable {
    let mode: ServiceMode
    private let client: SegmentClient
    private let task: Task<Result<Void, any Error>, Never>

    init(mode: ServiceMode, client: SegmentClient) {
        self.mode = mode
        self.client = client
        task = Task { do { try await mode.run(); return .success(()) } catch { return .failure(error) } }
    }

    /// Graceful shutdown; returns how `run()` ended.
    @discardableResult
    func stop() async -> Result<Void, any Error> {
        await mode.shutdown()
        return await finished()
    }

    /// Waits for `run()` to end by itself (a fatal error).
    func finished() async -> Result<Void, any Error> {
        let result = await task.value
        try? await client.shutdown()
        return result
    }
}
