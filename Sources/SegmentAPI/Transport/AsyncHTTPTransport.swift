import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Production transport: one pooled `HTTPClient` shared by every call.
///
/// One deadline per attempt covers connect, response head and the whole body: AsyncHTTPClient's
/// own deadline ends when the head arrives, and its read timeout is per read, so a body trickling
/// a byte a second would otherwise hold an attempt open indefinitely.
final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    /// Largest body accepted.
    private let maxBodyBytes: Int

    init(connectTimeout: Duration, readTimeout: Duration, maxConnectionsPerHost: Int, maxBodyBytes: Int = 64 * 1024 * 1024) {
        self.maxBodyBytes = maxBodyBytes
        var configuration = HTTPClient.Configuration(
            timeout: .init(
                connect: .nanoseconds(Int64(connectTimeout.nanoseconds)),
                read: .nanoseconds(Int64(readTimeout.nanoseconds))),
            connectionPool: .init(
                idleTimeout: .seconds(60),
                concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, maxConnectionsPerHost)))
        configuration.redirectConfiguration = .disallow
        // A refused connection fails the attempt at once; the client's retry policy decides
        // (briefly) whether to try again, instead of the pool retrying until the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.httpVersion = .automatic
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let deadline = NIODeadline.now() + .nanoseconds(Int64(request.timeout.nanoseconds))
        let limit = maxBodyBytes
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            var buffer: ByteBuffer
            do {
                buffer = try await AttemptDeadline.run(until: deadline, timeout: request.timeout) {
                    try await response.body.collect(upTo: limit)
                }
            } catch let error where !(error is CancellationError) {
                if error is NIOTooManyBytesError {
                    throw TransportFailure(kind: .bodyTooLarge, detail: "HTTP \(response.status.code): more than \(limit) bytes")
                }
                let cause = Self.classify(error)
                // A timeout stays a timeout; anything else after the head means the body was cut off.
                if cause.kind == .timeout { throw cause }
                throw TransportFailure(kind: .truncatedBody, detail: "HTTP \(response.status.code): \(cause.detail)")
            }
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            return TransportResponse(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) },
                body: Data(bytes))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw Self.classify(error)
        }
    }

    func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sorts AsyncHTTPClient / NIO errors into the kinds the retry policy reasons about.
    static func classify(_ error: any Error) -> TransportFailure {
        if let failure = error as? TransportFailure { return failure }
        if let http = error as? HTTPClientError {
            switch http {
            case .connectTimeout: return TransportFailure(kind: .connectFailed, detail: "connect timeout")
            case .readTimeout, .deadlineExceeded, .writeTimeout, .getConnectionFromPoolTimeout:
                return TransportFailure(kind: .timeout, detail: "\(http)")
            case .remoteConnectionClosed: return TransportFailure(kind: .connectionClosed, detail: "\(http)")
            default: return TransportFailure(kind: .other, detail: "\(http)")
            }
        }
        if let io = error as? IOError {
            if io.errnoCode == ECONNRESET || io.errnoCode == EPIPE {
                return TransportFailure(kind: .connectionReset, detail: "\(io)")
            }
            if io.errnoCode == ECONNREFUSED { return TransportFailure(kind: .connectFailed, detail: "\(io)") }
            return TransportFailure(kind: .other, detail: "\(io)")
        }
        if let channel = error as? ChannelError {
            switch channel {
            case .connectTimeout: return TransportFailure(kind: .connectFailed, detail: "\(channel)")
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
                return TransportFailure(kind: .connectionClosed, detail: "\(channel)")
            default: return TransportFailure(kind: .other, detail: "\(channel)")
            }
        }
        let text = String(describing: error)
        // NIOPosix's NIOConnectionError (not importable here) means no connection was ever made.
        if String(describing: type(of: error)).contains("NIOConnectionError") || text.contains("connection refused") {
            return TransportFailure(kind: .connectFailed, detail: text)
        }
        return TransportFailure(kind: .other, detail: text)
    }
}

extension Duration {
    /// Whole nanoseconds (saturating), for NIO's `TimeAmount`.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product + attoseconds / 1_000_000_000
    }

    /// Seconds as a Double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
