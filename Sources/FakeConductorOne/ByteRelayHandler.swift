import NIOCore

/// One end of a byte pipe between two channels on the same event loop.
///
/// The TLS front uses a pair to hand an HTTP/2 connection, already decrypted, to the internal
/// gRPC server: what one channel reads the other writes, with back-pressure (a side only reads
/// while its partner can write) and with either side's close closing the other.
final class ByteRelayHandler {
    private var partner: ByteRelayHandler?
    private var context: ChannelHandlerContext?
    private var readPending = false

    private init() {}

    /// Two handlers that relay to each other; add one to each channel.
    static func matchedPair() -> (ByteRelayHandler, ByteRelayHandler) {
        let first = ByteRelayHandler()
        let second = ByteRelayHandler()
        first.partner = second
        second.partner = first
        return (first, second)
    }

    private func partnerWrite(_ data: NIOAny) {
        context?.write(data, promise: nil)
    }

    private func partnerFlush() {
        context?.flush()
    }

    private func partnerClose() {
        context?.close(promise: nil)
    }

    private func partnerBecameWritable() {
        if readPending {
            readPending = false
            context?.read()
        }
    }

    private var partnerIsWritable: Bool {
        context?.channel.isWritable ?? false
    }
}

extension ByteRelayHandler: ChannelDuplexHandler {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny
    typealias OutboundOut = NIOAny

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // The partner may have been asked to read before this end existed to write to.
        if context.channel.isWritable {
            partner?.partnerBecameWritable()
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        self.partner = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partner?.partnerWrite(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        partner?.partnerFlush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.partnerClose()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Neither side can recover a half-broken HTTP/2 connection: drop both.
        partner?.partnerClose()
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            partner?.partnerBecameWritable()
        }
    }

    func read(context: ChannelHandlerContext) {
        if partner?.partnerIsWritable ?? false {
            context.read()
        } else {
            readPending = true
        }
    }
}
