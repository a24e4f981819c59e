import Foundation

/// How much server-directed waiting one request may do: each wait at most `maxServerWait`, all
/// of them together at most `maxTotalServerWait`. A `Retry-After: 86400` or a rate-limit reset an
/// hour ahead fails the request at once, saying what Segment asked, instead of stalling the run.
struct ServerWaitBudget {
    let policy: RetryPolicy
    let operation: String
    private(set) var waited = 0.0
    /// Jitter added to a server wait (see `RetryPolicy.serverWait`) must not tip it over a cap.
    private static let slack = 0.5

    init(policy: RetryPolicy, operation: String) {
        self.policy = policy
        self.operation = operation
    }

    /// Fails when one wait of `seconds` is longer than a single wait may be.
    func check(_ seconds: Double, asked: String) throws {
        guard seconds <= policy.maxServerWait + Self.slack else {
            throw SegmentAPIError.waitRefused(
                operation: operation, asked: "\(asked), longer than the \(Self.shown(policy.maxServerWait)) s this client waits at once")
        }
    }

    /// Counts a wait of `seconds` against the budget, or fails when it does not fit.
    mutating func allow(_ seconds: Double, asked: String) throws {
        try check(seconds, asked: asked)
        guard waited + seconds <= policy.maxTotalServerWait + Self.slack else {
            throw SegmentAPIError.waitRefused(
                operation: operation,
                asked:
                    "\(asked), after this request had already waited \(Self.shown(waited)) s of the \(Self.shown(policy.maxTotalServerWait)) s it may"
            )
        }
        waited += seconds
    }

    /// Seconds for people: whole numbers when large, one decimal otherwise.
    static func shown(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "∞" }
        return seconds >= 10 ? String(Int(seconds.rounded())) : String(format: "%.1f", seconds)
    }
}
