import Foundation

/// The shared mutable heart of a simulator: workspace state, stats, rate windows and fault
/// script. An actor, so concurrent requests apply one at a time and reads see earlier writes.
actor SimulatorEngine {
    /// What happens to a routed request before it reaches its handler.
    enum Admission: Sendable {
        case unauthorized
        case throttled(RateLimiter.Decision)
        case fault(Fault, RateLimiter.Decision)
        case proceed(RateLimiter.Decision)
    }

    let configuration: SimulatorConfiguration
    private let initial: WorkspaceSnapshot
    private var state: WorkspaceState
    private var stats = SimulatorStats()
    private var limiter: RateLimiter
    private var faults: FaultInjector
    /// Callers of `waitForRequests(atLeast:)`, resumed once the total reaches their count.
    private var requestWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    init(state: WorkspaceSnapshot, configuration: SimulatorConfiguration) {
        self.configuration = configuration
        initial = state
        self.state = WorkspaceState(state)
        limiter = RateLimiter(
            windowSeconds: configuration.rateLimitWindowSeconds,
            readLimit: configuration.readRatePerMinute, writeLimit: configuration.writeRatePerMinute)
        faults = FaultInjector(rate: configuration.faultRate, faults: configuration.faults, seed: configuration.faultSeed)
    }

    /// Counts the request, then applies auth, the rate limit and fault selection, in that order.
    func admit(_ operation: Operation, authorized: Bool, now: Double) -> Admission {
        stats.requests[operation.rawValue, default: 0] += 1
        stats.total += 1
        if !requestWaiters.isEmpty {
            let total = stats.total
            for waiter in requestWaiters where waiter.count <= total { waiter.continuation.resume() }
            requestWaiters.removeAll { $0.count <= total }
        }
        guard authorized else { return .unauthorized }
        let decision = limiter.consume(write: operation.isWrite, now: now)
        guard decision.allowed else {
            stats.http429 += 1
            return .throttled(decision)
        }
        if let fault = faults.next(for: operation) {
            stats.faults += 1
            return .fault(fault, decision)
        }
        return .proceed(decision)
    }

    func execute(_ request: RouteRequest) -> RouteResult {
        do {
            return try state.handle(request)
        } catch {
            return RouteResult(status: error.status, json: error.json)
        }
    }

    func snapshot() -> WorkspaceSnapshot { state.snapshot }

    func currentStats() -> SimulatorStats { stats }

    func waitForRequests(atLeast count: Int) async {
        if stats.total >= count { return }
        await withCheckedContinuation { requestWaiters.append((count, $0)) }
    }

    func inject(_ script: [ScriptedFault]) { faults.add(script) }

    /// Records member activity in the audit trail (`actions`, or `randomCount` random ones).
    func recordActivity(_ actions: [MemberActivity]?, randomCount: Int, seed: UInt64, now: Int) -> [WorkspaceSnapshot.AuditEvent] {
        let chosen = actions ?? state.randomActivity(count: randomCount, seed: seed)
        return state.recordActivity(chosen, at: now)
    }

    /// Back to the initial state; stats, rate windows and fault script cleared.
    func reset() {
        state = WorkspaceState(initial)
        stats = SimulatorStats()
        limiter.clear()
        faults.clear()
    }
}
