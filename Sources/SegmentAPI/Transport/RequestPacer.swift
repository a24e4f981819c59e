/// Spaces requests per budget so Segment never has to refuse them, and holds requests back while
/// Segment has said the window is spent (`X-RateLimit-Remaining: 0`, 429 hints).
///
/// Client pacing is GCRA (a token bucket expressed as a "theoretical arrival time"): with the
/// default burst of 1 it is plain spacing, at most `perMinute` starts in any 60-second window.
/// Slots are 1% wider than `60 / perMinute` so jitter in delivery cannot squeeze one request too
/// many into Segment's window.
actor RequestPacer {
    static let safetyMargin = 1.01

    private struct Bucket {
        var interval: Double
        var tolerance: Double
        var theoreticalArrival: Double = 0
    }

    private let clock: any PacingClock
    private var buckets: [RequestBudget: Bucket] = [:]
    private var serverHold: [RequestBudget: Double] = [:]
    /// What Segment said when it set the hold in force, for an error naming it.
    private var serverHoldReason: [RequestBudget: String] = [:]

    init(clock: any PacingClock, readsPerMinute: Int?, writesPerMinute: Int?, burst: Int = 1) {
        self.clock = clock
        let burst = Double(max(1, burst))
        if let reads = readsPerMinute {
            let interval = 60.0 / Double(reads) * Self.safetyMargin
            buckets[.read] = Bucket(interval: interval, tolerance: (burst - 1) * interval)
        }
        if let writes = writesPerMinute {
            let interval = 60.0 / Double(writes) * Self.safetyMargin
            buckets[.write] = Bucket(interval: interval, tolerance: (burst - 1) * interval)
        }
    }

    /// Reserves the next client-side slot and returns how long to wait for it (0 = go now).
    func reserveSlot(_ budget: RequestBudget) -> Double {
        let now = clock.now()
        guard var bucket = buckets[budget] else { return 0 }
        let arrival = max(bucket.theoreticalArrival, now)
        let start = max(now, arrival - bucket.tolerance)
        bucket.theoreticalArrival = arrival + bucket.interval
        buckets[budget] = bucket
        return start - now
    }

    /// How long Segment asked this budget to hold off from now (0 = go now).
    func serverWait(_ budget: RequestBudget) -> Double {
        max(0, (serverHold[budget] ?? 0) - clock.now())
    }

    /// Records a server instruction to send nothing on `budget` for `seconds`.
    func hold(_ budget: RequestBudget, forSeconds seconds: Double, reason: String = "Segment asked to wait") {
        guard seconds > 0 else { return }
        let until = clock.now() + seconds
        if until > serverHold[budget] ?? 0 {
            serverHold[budget] = until
            serverHoldReason[budget] = reason
        }
    }

    /// The server hold in force on `budget` (how long is left, and what Segment said), if any.
    func serverHold(_ budget: RequestBudget) -> (seconds: Double, reason: String)? {
        let wait = serverWait(budget)
        guard wait > 0 else { return nil }
        return (wait, serverHoldReason[budget] ?? "Segment asked to wait")
    }

    /// Waits for a client slot only (server holds are the caller's to weigh and wait out).
    func waitForSlot(_ budget: RequestBudget) async throws {
        try await clock.sleep(seconds: reserveSlot(budget))
    }

    /// Waits for a client slot, then for any server hold that is in force.
    func waitForTurn(_ budget: RequestBudget) async throws {
        let slot = reserveSlot(budget)
        try await clock.sleep(seconds: slot)
        // A hold may have been set while this request was waiting for its slot.
        var wait = serverWait(budget)
        while wait > 0 {
            try await clock.sleep(seconds: wait)
            wait = serverWait(budget)
        }
    }
}
