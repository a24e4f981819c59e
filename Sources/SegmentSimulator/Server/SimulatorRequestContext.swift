import Hummingbird

/// Request context that keeps the connection's source, so a `reset` fault can close the channel
/// without answering.
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    private let close: @Sendable () async -> Void

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let channel = source.channel
        close = { try? await channel.close() }
    }

    var maxUploadSize: Int { 16 * 1024 * 1024 }

    /// Drops the TCP connection (the client sees a reset / EOF with no response).
    func closeConnection() async {
        await close()
    }
}
