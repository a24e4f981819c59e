import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Production transport: one pooled `HTTPClient` shared by every call.
final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    /// Largest body accepted; Segment pages are far smaller.
    private let maxBodyBytes = 64 * 1024 * 1024

    init(connectTimeout: Duration, readTimeout: Duration, maxConnectionsPerHost: Int) {
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: .nanoseconds(Int64(connectTimeout.nanoseconds)),
                           read: .nanoseconds(Int64(readTimeout.nanoseconds))),
            connectionPool: .init(idleTimeout: .seconds(60),
                                  concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, maxConnectionsPerHost)))
        configuration.redirectConfiguration = .disallow
        configuration.httpVersion = .automatic
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let timeout = TimeAmount.nanoseconds(Int64(request.timeout.nanoseconds))
        do {
            let response = try await client.execute(outgoing, timeout: timeout)
            var buffer: ByteBuffer
            do {
                buffer = try await response.body.collect(upTo: maxBodyBytes)
            } catch let error where !(error is CancellationError) {
                let cause = Self.classify(error)
                // A timeout stays a timeout; anything else after the head means the body was cut off.
                if cause.kind == .timeout { throw cause }
                throw TransportFailure(kind: .truncatedBody, detail: "HTTP \(response.status.code): \(cause.detail)")
            }
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            return TransportResponse(status: Int(response.status.code),
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
