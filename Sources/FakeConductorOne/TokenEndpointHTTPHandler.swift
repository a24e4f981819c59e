import NIOCore
import NIOHTTP1

/// Serves ``TokenEndpoint`` over HTTP/1.1 on a decrypted connection: gathers each request's head
/// and body, answers, and keeps the connection for the next request if the client wants it.
final class TokenEndpointHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// A token request is a few kilobytes; anything much larger is not one.
    private static let maximumBodySize = 64 * 1024

    private let endpoint: TokenEndpoint
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?

    init(endpoint: TokenEndpoint) {
        self.endpoint = endpoint
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body = context.channel.allocator.buffer(capacity: 0)
        case .body(var chunk):
            guard (body?.readableBytes ?? 0) + chunk.readableBytes <= Self.maximumBodySize else {
                respond(
                    context: context, keepAlive: false,
                    TokenEndpointResponse(
                        status: 413, json: ["error": "invalid_request", "error_description": "body too large"]
                    ))
                head = nil
                body = nil
                return
            }
            body?.writeBuffer(&chunk)
        case .end:
            guard let head, let body else { return }
            self.head = nil
            self.body = nil
            let response = endpoint.answer(
                TokenEndpointRequest(
                    method: head.method.rawValue,
                    path: head.uri,
                    contentType: head.headers.first(name: "content-type"),
                    body: String(buffer: body)
                ))
            respond(context: context, keepAlive: head.isKeepAlive, response)
        }
    }

    private func respond(context: ChannelHandlerContext, keepAlive: Bool, _ response: TokenEndpointResponse) {
        let bytes = response.body
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: String(bytes.count))
        headers.add(name: "cache-control", value: "no-store")
        if !keepAlive {
            headers.add(name: "connection", value: "close")
        }
        let head = HTTPResponseHead(
            version: .http1_1,
            status: HTTPResponseStatus(statusCode: response.status),
            headers: headers
        )
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: bytes)))), promise: nil)
        let done = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: done)
        if !keepAlive {
            let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
            done.futureResult.whenComplete { _ in loopBoundContext.value.close(promise: nil) }
        }
    }
}
