import Synchronization

/// What the health endpoints report: whether ConductorOne accepted our `Hello` (readiness), and a
/// briefly cached answer of the connector's credential check (health).
package final class ServiceHealth: Sendable {
    private let state = Mutex(State())
    private let validate: @Sendable () async throws -> Void
    private let cacheFor: Duration

    private struct State {
        var helloAccepted = false
        var lastCheck: (at: ContinuousClock.Instant, healthy: Bool)?
    }

    /// `validate` checks the app's credentials (for this connector, a Segment call); its answer is
    /// kept for `cacheFor` so probes every few seconds do not spend the app's rate limit.
    package init(cacheFor: Duration = .seconds(10), validate: @escaping @Sendable () async throws -> Void) {
        self.cacheFor = cacheFor
        self.validate = validate
    }

    package var isReady: Bool { state.withLock { $0.helloAccepted } }

    func markHelloAccepted() { state.withLock { $0.helloAccepted = true } }

    /// True when the credential check passes (cached for a short while).
    package func isHealthy() async -> Bool {
        let now = ContinuousClock.now
        if let cached = state.withLock({ $0.lastCheck }), now - cached.at < cacheFor { return cached.healthy }
        let healthy: Bool
        do { try await validate(); healthy = true } catch { healthy = false }
        state.withLock { $0.lastCheck = (ContinuousClock.now, healthy) }
        return healthy
    }
}
