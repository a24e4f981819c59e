import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Where the health server listens (`--health-check-bind-address`, `--health-check-port`).
public struct HealthCheckSettings: Sendable, Equatable {
    /// The address to bind; `0.0.0.0` or `::` for every interface (as in a pod).
    public var bindAddress: String
    /// The TCP port (8081 by default, as the Go SDK).
    public var port: Int
    /// Loopback port 8081 unless told otherwise.
    public init(bindAddress: String = "127.0.0.1", port: Int = 8081) {
        self.bindAddress = bindAddress
        self.port = port
    }
}

/// The HTTP endpoints Kubernetes probes: `/live` (the process answers), `/ready` (ConductorOne
/// accepted our Hello) and `/health` (the app's credentials work). 200 when true, 503 otherwise.
enum HealthServer {
    static func application(
        settings: HealthCheckSettings, health: ServiceHealth, logger: Logger,
        onBound: @escaping @Sendable (Int) -> Void = { _ in }
    ) -> some Service {
        let router = Router()
        router.get("/live") { _, _ in Self.answer(true) }
        router.get("/ready") { _, _ in Self.answer(health.isReady) }
        router.get("/health") { _, _ in Self.answer(await health.isHealthy()) }
        var quiet = logger
        quiet.logLevel = .warning  // one line per probe would drown the task log
        return Application(
            router: router,
            configuration: .init(address: .hostname(settings.bindAddress, port: settings.port), serverName: nil),
            onServerRunning: { channel in onBound(channel.localAddress?.port ?? settings.port) },
            logger: quiet)
    }

    private static func answer(_ ok: Bool) -> Response {
        Response(
            status: ok ? .ok : .serviceUnavailable,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: ok ? "{\"status\":\"ok\"}" : "{\"status\":\"unavailable\"}")))
    }
}
