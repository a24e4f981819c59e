import Foundation
import Logging
import SegmentSimulator

@testable import SegmentAPI

/// Starts a simulator on loopback (port 0) and a client pointed at it; tears both down afterwards.
enum SimulatorHarness {
    static let token = "sim-SECRET-token-42"

    static func run<T: Sendable>(
        size: WorkspaceSize = .demo, plan: Plan = .business, seed: UInt64 = 7,
        simulator adjustSimulator: (inout SimulatorConfiguration) -> Void = { _ in },
        client adjustClient: (inout SegmentClientConfiguration) -> Void = { _ in },
        _ body: (RunningSimulator, SegmentClient, WorkspaceSnapshot) async throws -> T
    ) async throws -> T {
        let state = WorkspaceGenerator.generate(seed: seed, size: size, plan: plan)
        var simulatorConfiguration = SimulatorConfiguration(token: token, plan: plan)
        adjustSimulator(&simulatorConfiguration)
        let simulator = try await RunningSimulator.start(state: state, configuration: simulatorConfiguration)
        var configuration = try SegmentClientConfiguration(token: token, baseURL: simulator.baseURL)
        configuration.retryBaseDelay = .milliseconds(10)
        configuration.maxBackoff = .milliseconds(100)
        configuration.requestTimeout = .seconds(5)
        configuration.writesPerMinute = 60_000
        adjustClient(&configuration)
        let client: SegmentClient
        do {
            client = try SegmentClient(configuration: configuration)
        } catch {
            try await simulator.shutdown()
            throw error
        }
        do {
            let result = try await body(simulator, client, state)
            try await client.shutdown()
            try await simulator.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            try? await simulator.shutdown()
            throw error
        }
    }
}

extension WorkspaceSize {
    /// Only users (and the catalogue every workspace has).
    static func users(_ count: Int) -> WorkspaceSize {
        WorkspaceSize(users: count, groups: 0, sources: 1, warehouses: 0, functions: 0, spaces: 0, invites: 0)
    }
}
