import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization

/// The fake's one public port: TLS with the test CA's leaf, then, by ALPN, either the token
/// endpoint (HTTP/1.1) or a byte pipe to the internal gRPC server (HTTP/2).
///
/// ConductorOne serves its token endpoint and BatonService on the same host and port, and the
/// connector derives both from one `BATON_C1_API_HOST`, so the fake must do the same.
final class TLSFront: Sendable {
    /// ALPN identifiers in server preference order. HTTP/1.1 comes first so that a general HTTP
    /// client offering both (the token fetcher) lands on the token endpoint; gRPC clients offer
    /// only `h2` (and grpc-swift also `grpc-exp`), so they still get HTTP/2.
    static let applicationProtocols = ["http/1.1", "h2", "grpc-exp"]
    private static let http2Protocols: Set<String> = ["h2", "grpc-exp"]

    /// The bound loopback port.
    let port: Int

    private let serverChannel: any Channel
    /// Accepted connections, closed at shutdown: an HTTP client's pooled keep-alive connection
    /// would otherwise outlive the fake.
    private let connections: OpenConnections

    private init(port: Int, serverChannel: any Channel, connections: OpenConnections) {
        self.port = port
        self.serverChannel = serverChannel
        self.connections = connections
    }

    /// Binds `127.0.0.1` on an ephemeral port and starts accepting.
    ///
    /// - Parameters:
    ///   - authority: whose leaf certificate and key the TLS server presents.
    ///   - grpcBackend: the plaintext HTTP/2 (gRPC) server that HTTP/2 connections are piped to.
    ///   - tokenEndpoint: what answers HTTP/1.1 requests.
    static func start(
        authority: TestCertificateAuthority,
        grpcBackend: NIOCore.SocketAddress,
        tokenEndpoint: TokenEndpoint,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) async throws -> TLSFront {
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try authority.leafCertificate())],
            privateKey: .privateKey(try authority.leafPrivateKey())
        )
        tls.minimumTLSVersion = .tlsv12
        tls.applicationProtocols = applicationProtocols
        // Closing waits this long for the client's close_notify; a test shutting the fake down
        // under a stuck or killed connector should not wait the default seconds per connection.
        tls.shutdownTimeout = .milliseconds(200)
        let sslContext = try NIOSSLContext(configuration: tls)

        let connections = OpenConnections()
        let serverChannel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                connections.track(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                    try channel.pipeline.syncOperations.addHandler(
                        ApplicationProtocolNegotiationHandler { result, channel in
                            route(result, channel: channel, grpcBackend: grpcBackend, tokenEndpoint: tokenEndpoint, logger: logger)
                        }
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()

        guard let port = serverChannel.localAddress?.port else {
            try? await serverChannel.close()
            throw FakeConductorOneError.couldNotBind
        }
        logger.debug("fake ConductorOne TLS front listening", metadata: ["port": "\(port)"])
        return TLSFront(port: port, serverChannel: serverChannel, connections: connections)
    }

    /// Stops accepting and closes every open connection.
    func shutdown() async {
        try? await serverChannel.close()
        for channel in connections.all() {
            try? await channel.close()
        }
    }

    private static func route(
        _ result: ALPNResult,
        channel: any Channel,
        grpcBackend: NIOCore.SocketAddress,
        tokenEndpoint: TokenEndpoint,
        logger: Logger
    ) -> EventLoopFuture<Void> {
        if case .negotiated(let name) = result, http2Protocols.contains(name) {
            return relayToGRPC(channel: channel, grpcBackend: grpcBackend, logger: logger)
        }
        // "http/1.1", or a client that offered no ALPN at all: plain HTTP/1.
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
            try channel.pipeline.syncOperations.addHandler(TokenEndpointHTTPHandler(endpoint: tokenEndpoint))
        }
    }

    /// Connects to the internal gRPC server on the front connection's own event loop, so both
    /// halves of the pipe are driven by one thread, and joins the two with a relay pair. The ALPN
    /// handler holds back whatever the client sent meanwhile and replays it once this completes.
    private static func relayToGRPC(
        channel: any Channel,
        grpcBackend: NIOCore.SocketAddress,
        logger: Logger
    ) -> EventLoopFuture<Void> {
        let (frontEnd, backEnd) = ByteRelayHandler.matchedPair()
        let ends = NIOLoopBound((front: frontEnd, back: backEnd), eventLoop: channel.eventLoop)
        return ClientBootstrap(group: channel.eventLoop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { backendChannel in
                backendChannel.eventLoop.makeCompletedFuture {
                    try backendChannel.pipeline.syncOperations.addHandler(ends.value.back)
                }
            }
            .connect(to: grpcBackend)
            .flatMapThrowing { _ in
                try channel.pipeline.syncOperations.addHandler(ends.value.front)
            }
            .flatMapErrorThrowing { error in
                logger.warning("fake ConductorOne could not reach its gRPC server", metadata: ["error": "\(error)"])
                channel.close(promise: nil)
                throw error
            }
    }
}

/// The channels a server accepted and that are still open.
private final class OpenConnections: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    func track(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        channels.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in
            _ = self?.channels.withLock { $0.removeValue(forKey: id) }
        }
    }

    func all() -> [any Channel] {
        channels.withLock { Array($0.values) }
    }
}
