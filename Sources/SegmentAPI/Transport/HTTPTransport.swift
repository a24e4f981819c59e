import Foundation

/// The one thing the client needs from HTTP: send a request, get the whole response.
///
/// Internal seam so unit tests can script responses; production uses `AsyncHTTPTransport`.
protocol HTTPTransport: Sendable {
    func send(_ request: TransportRequest) async throws -> TransportResponse
    func shutdown() async throws
}

/// HTTP methods the Public API uses.
enum HTTPMethodName: String, Sendable {
    case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
}

struct TransportRequest: Sendable {
    var method: HTTPMethodName
    var url: String
    var headers: [(String, String)]
    var body: Data?
    var timeout: Duration
}

struct TransportResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: Data

    /// First header with this name, case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// A request that got no complete HTTP answer.
struct TransportFailure: Error, Sendable, CustomStringConvertible {
    enum Kind: String, Sendable {
        /// Never connected: the request cannot have reached the server.
        case connectFailed = "connection failed"
        case timeout = "timed out"
        case connectionReset = "connection reset"
        case connectionClosed = "connection closed"
        /// The status line arrived but the body was cut off.
        case truncatedBody = "body truncated"
        /// The body is larger than the client accepts.
        case bodyTooLarge = "body too large"
        case other = "failed"
    }

    var kind: Kind
    var detail: String

    /// False only when the request certainly never left this process.
    var mayHaveReachedServer: Bool { kind != .connectFailed }

    var description: String { detail.isEmpty ? kind.rawValue : "\(kind.rawValue) (\(detail))" }
}
