import BatonKit
import BatonServiceProto
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Logging

/// The gRPC channel to ConductorOne's `BatonService`, over HTTP/2 with TLS 1.2 or later, each call
/// carrying the access token. `run()` keeps the connection up until `shutdown()`.
final class ConductorOneConnection: Sendable {
    typealias Service = C1_Connectorapi_Baton_V1_BatonService
    private let grpc: GRPCClient<HTTP2ClientTransport.Posix>
    private let client: Service.Client<HTTP2ClientTransport.Posix>
    let tokens: AccessTokenSource

    init(endpoint: ConductorOneEndpoint, trustRoots: TrustRoots, tokens: AccessTokenSource, userAgent: String) throws {
        let transport = try HTTP2ClientTransport.Posix(
            target: Self.target(endpoint),
            transportSecurity: .tls { tls in
                tls.trustRoots =
                    trustRoots.certificateCount > 0
                    ? .certificates([.bytes(Array(trustRoots.pemBundle.utf8), format: .pem)]) : .systemDefault
            },
            config: .defaults { config in
                // Uploads stream 512 KiB messages; the default 4 MiB receive limit is ample for answers.
                config.connection.maxIdleTime = nil
            })
        grpc = GRPCClient(transport: transport, interceptors: [AuthorizationInterceptor(tokens: tokens, userAgent: userAgent)])
        client = Service.Client(wrapping: grpc)
        self.tokens = tokens
    }

    /// Runs the connections until ``shutdown()``.
    func run() async throws { try await grpc.runConnections() }

    func shutdown() { grpc.beginGracefulShutdown() }

    func hello(_ request: C1_Connectorapi_Baton_V1_BatonServiceHelloRequest) async throws
        -> C1_Connectorapi_Baton_V1_BatonServiceHelloResponse
    {
        try await client.hello(request, options: Self.options(seconds: 60))
    }

    func getTask(hostId: String) async throws -> C1_Connectorapi_Baton_V1_BatonServiceGetTaskResponse {
        var request = C1_Connectorapi_Baton_V1_BatonServiceGetTaskRequest()
        request.hostID = hostId
        return try await client.getTask(request, options: Self.options(seconds: 60))
    }

    func heartbeat(hostId: String, taskId: String) async throws -> C1_Connectorapi_Baton_V1_BatonServiceHeartbeatResponse {
        var request = C1_Connectorapi_Baton_V1_BatonServiceHeartbeatRequest()
        request.hostID = hostId
        request.taskID = taskId
        return try await client.heartbeat(request, options: Self.options(seconds: 30))
    }

    func finishTask(_ request: C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest) async throws {
        // FinishTask gets its own deadline, as in the SDK, so a slow answer cannot hold a task slot.
        _ = try await client.finishTask(request, options: Self.options(seconds: 30))
    }

    /// Streams the messages `produce` writes as one `UploadAsset` call.
    func uploadAsset(
        _ produce: @escaping @Sendable (RPCWriter<C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest>) async throws -> Void
    ) async throws {
        _ = try await client.uploadAsset(options: Self.options(seconds: 30 * 60), requestProducer: produce)
    }

    /// An IP literal is dialled as such: TLS server names (SNI) may not be IP addresses, and the
    /// certificate is then checked against the address instead.
    private static func target(_ endpoint: ConductorOneEndpoint) -> any ResolvableTarget {
        switch HostAndPort.ipKind(endpoint.host) {
        case .v4?: .ipv4(address: endpoint.host, port: endpoint.port)
        case .v6?: .ipv6(address: endpoint.host, port: endpoint.port)
        case nil: .dns(host: endpoint.host, port: endpoint.port)
        }
    }

    private static func options(seconds: Int) -> CallOptions {
        var options = CallOptions.defaults
        options.timeout = .seconds(seconds)
        return options
    }
}
