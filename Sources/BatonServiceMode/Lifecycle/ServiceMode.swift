import BatonKit
import Logging
import ServiceLifecycle
import UnixSignals

/// Runs a connector connected to ConductorOne until SIGTERM or SIGINT (or ``shutdown()``): the
/// gRPC connection, the task poller and, when asked, the health server, as one service group.
/// Shutdown is graceful: no new task is taken, syncs are abandoned, provisioning writes finish.
public final class ServiceMode: Sendable {
    private let group: ServiceGroup
    private let connection: ConductorOneConnection
    private let tokens: AccessTokenSource
    /// Readiness and health, as the health server reports them.
    package let health: ServiceHealth

    /// Builds everything without touching the network. `onHealthServerBound` gets the health
    /// server's port once it listens.
    public init(
        connector: any Connector, configuration: ServiceModeConfiguration, logger: Logger,
        gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint],
        onHealthServerBound: @escaping @Sendable (Int) -> Void = { _ in }
    ) throws {
        let tokens = AccessTokenSource(
            credentials: configuration.credentials, endpoint: configuration.endpoint,
            trustRoots: configuration.trustRoots, logger: logger)
        let connection = try ConductorOneConnection(
            endpoint: configuration.endpoint, trustRoots: configuration.trustRoots,
            tokens: tokens, userAgent: configuration.userAgent)
        let health = ServiceHealth { try await connector.validate() }
        let greeter = Greeter(connector: connector, connection: connection, identity: configuration.identity, logger: logger)
        let executor = TaskExecutor(
            connector: connector, connection: connection, identity: configuration.identity,
            configuration: configuration, greeter: greeter, logger: logger)
        let poller = TaskPoller(
            greeter: greeter, executor: executor, connection: connection, identity: configuration.identity,
            health: health, taskConcurrency: configuration.taskConcurrency, logger: logger)

        // Services stop in reverse order: the health server first, then the poller (which drains
        // its tasks, FinishTask included), and the connection last.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: ConnectionService(connection: connection), serviceName: "conductorone-connection"),
            .init(service: poller, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "task-poller"),
        ]
        if let settings = configuration.healthCheck {
            services.append(
                .init(
                    service: HealthServer.application(
                        settings: settings, health: health, logger: logger,
                        onBound: onHealthServerBound),
                    serviceName: "health-server"))
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: gracefulShutdownSignals,
            logger: logger)
        // Pods get 30 s from SIGTERM to SIGKILL by default; past 25 s what is left is cancelled.
        groupConfiguration.maximumGracefulShutdownDuration = Duration.seconds(25)
        group = ServiceGroup(configuration: groupConfiguration)
        self.connection = connection
        self.tokens = tokens
        self.health = health
    }

    /// Runs until shutdown; throws when the process must stop (credentials refused, Hello refused).
    public func run() async throws {
        do {
            try await group.run()
        } catch {
            await tokens.shutdown()
            throw Self.plain(error)
        }
        await tokens.shutdown()
    }

    /// Starts a graceful shutdown, as SIGTERM does.
    public func shutdown() async { await group.triggerGracefulShutdown() }

    /// The service's own error, unwrapped from gRPC's wrapper when our token source raised it.
    private static func plain(_ error: any Error) -> any Error { ServiceErrors.unwrap(error) }
}

/// Keeps the gRPC connection up until the group shuts down.
private struct ConnectionService: Service {
    let connection: ConductorOneConnection
    func run() async throws {
        try await withGracefulShutdownHandler {
            try await connection.run()
        } onGracefulShutdown: {
            connection.shutdown()
        }
    }
}
