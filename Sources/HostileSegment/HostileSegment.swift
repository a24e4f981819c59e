import AsyncHTTPClient
import Hummingbird
import Logging
import ServiceLifecycle

/// A hostile Segment API stand-in on loopback for reliability tests: it misbehaves as its
/// `HostileMode`s say (trickling bodies, endless cursors, oversized bodies, redirects, wrong
/// types, dot-segment ids, far-future rate-limit resets, a plan gate on a later page) and
/// forwards everything else to an upstream, usually a `RunningSimulator`, so a whole sync can
/// run against it. It records every request target as received.
package final class HostileSegment: Sendable {
    /// `http://127.0.0.1:PORT`.
    package let baseURL: String
    private let log: RequestLog
    private let serverTask: Task<Void, any Error>
    private let forwarder: HTTPClient
    private let services: ServiceGroup

    private init(baseURL: String, log: RequestLog, serverTask: Task<Void, any Error>, forwarder: HTTPClient, services: ServiceGroup) {
        self.baseURL = baseURL
        self.log = log
        self.serverTask = serverTask
        self.forwarder = forwarder
        self.services = services
    }

    /// Binds an ephemeral loopback port and starts serving; `upstream` is a base URL or nil.
    package static func start(modes: [HostileMode], upstream: String? = nil) async throws -> HostileSegment {
        let log = RequestLog()
        let forwarder = HTTPClient(eventLoopGroupProvider: .singleton)
        var logger = Logger(label: "hostile-segment")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int?>.makeStream()
        let app = Application(
            responder: HostileResponder(modes: modes, upstream: upstream, log: log, forwarder: forwarder),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port)
                continuation.finish()
            },
            logger: logger)
        // Stopped gracefully: cancelling a Hummingbird server while it accepts a connection traps in NIO.
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await services.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next(), let port = bound else {
            task.cancel()
            try? await forwarder.shutdown()
            _ = try await task.value
            throw HostileStartError()
        }
        return HostileSegment(baseURL: "http://127.0.0.1:\(port)", log: log, serverTask: task, forwarder: forwarder, services: services)
    }

    /// Every request received so far, in order.
    package func requests() async -> [RecordedRequest] { await log.requests }

    /// Stops serving, then closes the forwarding client (no request to the upstream outlives this).
    package func shutdown() async throws {
        await services.triggerGracefulShutdown()
        do { try await serverTask.value } catch is CancellationError {}
        try await forwarder.shutdown()
    }

    /// Starts a stand-in, runs `body`, and stops it whatever happens.
    package static func run<T: Sendable>(
        modes: [HostileMode], upstream: String? = nil,
        _ body: (HostileSegment) async throws -> T
    ) async throws -> T {
        let server = try await start(modes: modes, upstream: upstream)
        do {
            let result = try await body(server)
            try await server.shutdown()
            return result
        } catch {
            try? await server.shutdown()
            throw error
        }
    }
}

/// The stand-in could not bind a port.
package struct HostileStartError: Error, CustomStringConvertible {
    package var description: String { "the hostile Segment stand-in could not bind a loopback port" }
}
