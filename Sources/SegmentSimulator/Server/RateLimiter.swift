/// Fixed-window request counting per token, one window for reads and one for IAM writes.
/// Rejected requests count too (like a points-based limiter), so hammering does not help.
struct RateLimiter: Sendable {
    /// Reported as what remains when a class is unlimited: the headers stay present (as Segment
    /// always sends them) but never tell a client to wait.
    static let notionalLimit = 10_000

    struct Decision: Sendable {
        let allowed: Bool
        let consumed: Int
        let remaining: Int
        /// When the window ends, seconds since 1970.
        let resetAt: Double
        let msBeforeNext: Int
    }

    private struct Window: Sendable { var start: Double; var consumed: Int }

    let windowSeconds: Double
    let readLimit: Int?
    let writeLimit: Int?
    private var windows: [Bool: Window] = [:]

    init(windowSeconds: Double, readLimit: Int?, writeLimit: Int?) {
        self.windowSeconds = windowSeconds
        self.readLimit = readLimit
        self.writeLimit = writeLimit
    }

    mutating func consume(write: Bool, now: Double) -> Decision {
        var window = windows[write] ?? Window(start: now, consumed: 0)
        if now >= window.start + windowSeconds { window = Window(start: now, consumed: 0) }
        window.consumed += 1
        windows[write] = window
        let limit = (write ? writeLimit : readLimit)
        let effective = limit ?? Self.notionalLimit
        let resetAt = window.start + windowSeconds
        let allowed = limit.map { window.consumed <= $0 } ?? true
        return Decision(
            allowed: allowed, consumed: window.consumed,
            remaining: limit == nil ? effective : max(0, effective - window.consumed),
            resetAt: resetAt, msBeforeNext: allowed ? 0 : max(1, Int(((resetAt - now) * 1000).rounded(.up))))
    }

    mutating func clear() { windows = [:] }
}
