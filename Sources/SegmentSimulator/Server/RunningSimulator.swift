import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A simulator serving on loopback (or `configuration.host`) until `shutdown()`.
///
/// ```swift
/// let sim = try await RunningSimulator.start(
///     state: WorkspaceGenerator.generate(seed: 1, size: .demo, plan: .business),
///     configuration: SimulatorConfiguration())
/// defer { Task { try await sim.shutdown() } }
/// // point a client at sim.baseURL with token "sim-token"
/// ```
package final class RunningSimulator: Sendable {
    /// `http://HOST:PORT`, no trailing slash.
    package let baseURL: String
    /// The bound port (the real one when configured with 0).
    package let port: Int
    private let engine: SimulatorEngine
    private let serverTask: Task<Void, any Error>
    private let services: ServiceGroup

    private init(baseURL: String, port: Int, engine: SimulatorEngine, serverTask: Task<Void, any Error>, services: ServiceGroup) {
        self.baseURL = baseURL
        self.port = port
        self.engine = engine
        self.serverTask = serverTask
        self.services = services
    }

    /// Binds and starts serving; returns once the port is known.
    package static func start(state: WorkspaceSnapshot, configuration: SimulatorConfiguration) async throws -> RunningSimulator {
        let engine = SimulatorEngine(state: state, configuration: configuration)
        let responder = SimulatorResponder(engine: engine, configuration: configuration)
        var logger = Logger(label: "segment-simulator")
        logger.logLevel = .critical  // request logs would be noise in tests; nothing here logs the token
        let (portStream, portContinuation) = AsyncStream<Int?>.makeStream()
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port)
                portContinuation.finish()
            },
            logger: logger)
        // Stopped by a graceful shutdown, not by cancelling the task: cancelling while a new
        // connection is being accepted traps in NIO ("Deinited NIOAsyncWriter without calling finish()").
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            defer { portContinuation.finish() }
            try await services.run()
        }
        var iterator = portStream.makeAsyncIterator()
        guard let bound = await iterator.next(), let port = bound else {
            task.cancel()
            _ = try await task.value  // surfaces the bind error
            throw SimulatorStartError(message: "simulator could not bind \(configuration.host):\(configuration.port)")
        }
        return RunningSimulator(
            baseURL: "http://\(configuration.host):\(port)", port: port, engine: engine, serverTask: task,
            services: services)
    }

    /// The whole current state.
    package func snapshot() async -> WorkspaceSnapshot { await engine.snapshot() }

    /// Requests per operation, 429s and faults since start or the last reset.
    package func stats() async -> SimulatorStats { await engine.currentStats() }

    /// Returns once the simulator has counted at least `count` requests in all (an event to
    /// act on, such as stopping a client part-way through, instead of a guess about timing).
    package func waitForRequests(atLeast count: Int) async { await engine.waitForRequests(atLeast: count) }

    /// Queues deterministic faults (see `ScriptedFault`).
    package func injectFaults(_ script: [ScriptedFault]) async { await engine.inject(script) }

    /// Restores the initial state and clears stats, rate-limit windows and scripted faults.
    package func reset() async { await engine.reset() }

    /// Records these member actions (sources edited and so on) in the audit trail, now; returns
    /// the audit events written. Actions naming an unknown member or resource are dropped.
    @discardableResult
    package func recordActivity(_ actions: [MemberActivity]) async -> [WorkspaceSnapshot.AuditEvent] {
        await engine.recordActivity(actions, randomCount: 0, seed: 0, now: Int(Date().timeIntervalSince1970))
    }

    /// Records `count` random member actions, fixed by `seed`; returns the audit events written.
    @discardableResult
    package func recordRandomActivity(count: Int, seed: UInt64) async -> [WorkspaceSnapshot.AuditEvent] {
        await engine.recordActivity(nil, randomCount: count, seed: seed, now: Int(Date().timeIntervalSince1970))
    }

    /// Stops the server and waits for it to finish.
    package func shutdown() async throws {
        await services.triggerGracefulShutdown()
        do {
            try await serverTask.value
        } catch is CancellationError {
            // a caller cancelled while waiting: the server is stopping either way
        }
    }
}

/// The server could not start (port in use, bad host).
package struct SimulatorStartError: Error, CustomStringConvertible, Sendable {
    package let message: String
    package var description: String { message }
}
