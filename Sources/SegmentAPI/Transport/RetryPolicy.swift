import Foundation

/// What happened on one attempt, as far as retrying is concerned.
enum AttemptOutcome: Sendable {
    case transport(TransportFailure)
    case status(Int)
    case undecodable
}

/// Decides, for each attempt of a request, whether to deliver, try again after a wait, or fail;
/// `SegmentClient.perform` only runs the attempts and does what `decide` says.
struct RetryPolicy: Sendable {
    var maxRetries: Int
    var baseDelay: Double
    var maxBackoff: Double
    var maxServerWait: Double
    /// Most server-requested waiting one request may do, across all its attempts.
    var maxTotalServerWait: Double = 300
    /// Retries after a failed connection (refused, unreachable), within `maxRetries`.
    var maxConnectRetries: Int = 2
    /// Ceiling of one backoff step after a failed connection.
    static let connectBackoffCeiling = 1.0

    /// What to do after `report`'s attempt. `waits` is what server-directed waiting the request
    /// has done so far; `unitRandom` is the jitter (fixed in tests).
    func decide<Value>(
        _ report: AttemptReport<Value>, waits: ServerWaitBudget, scrub: TokenScrubber,
        unitRandom: Double = Double.random(in: 0...1)
    ) -> RetryDecision<Value> {
        let attempts = report.attempt + 1
        switch report.result {
        case .decoded(let value):
            return .deliver(value)

        case .unanswered(let failure):
            let outcome = AttemptOutcome.transport(failure)
            guard shouldRetry(outcome, safety: report.safety, attempt: report.attempt) else {
                let message = scrub("\(failure) after \(attempts) attempts")
                // A body that never arrived whole is a body we could not read.
                if failure.kind == .truncatedBody || failure.kind == .bodyTooLarge {
                    return .fail(SegmentAPIError.undecodable(operation: report.operation, message: message))
                }
                return .fail(SegmentAPIError.transport(operation: report.operation, message: message))
            }
            return .backOff(
                seconds: backoff(attempt: report.attempt, after: outcome, unitRandom: unitRandom),
                reason: scrub(failure.description))

        case .undecodable(let reason):
            guard shouldRetry(.undecodable, safety: report.safety, attempt: report.attempt) else {
                return .fail(SegmentAPIError.undecodable(operation: report.operation, message: scrub(reason)))
            }
            return .backOff(
                seconds: backoff(attempt: report.attempt, after: .undecodable, unitRandom: unitRandom),
                reason: "undecodable body: \(reason)")

        case .status(429, let limits, let body):
            guard shouldRetry(.status(429), safety: report.safety, attempt: report.attempt) else {
                return .fail(SegmentAPIError.rateLimited(operation: report.operation, attempts: attempts))
            }
            guard let hint = Self.waitHint(limits: limits, body: body, now: report.now) else {
                return .backOff(seconds: backoff(attempt: report.attempt, unitRandom: unitRandom), reason: "429 without a wait hint")
            }
            let asked = "Segment asked to wait \(ServerWaitBudget.shown(hint.seconds)) s (\(hint.source) on a 429)"
            do {
                try waits.check(hint.seconds, asked: asked)
            } catch {
                return .fail(error)
            }
            return .waitAsAsked(seconds: serverWait(hint.seconds, unitRandom: unitRandom), asked: asked)

        case .status(let status, _, let body):
            guard shouldRetry(.status(status), safety: report.safety, attempt: report.attempt) else {
                return .fail(
                    ErrorMapping.error(
                        operation: report.operation, status: status, body: body,
                        attempts: attempts, scrub: scrub.callAsFunction))
            }
            return .backOff(seconds: backoff(attempt: report.attempt, unitRandom: unitRandom), reason: "HTTP \(status)")
        }
    }

    /// How long a 429 asks us to wait, and which signal said so: `Retry-After`, else the body's
    /// `msBeforeNext`, else the window's `X-RateLimit-Reset`.
    static func waitHint(limits: RateLimitHeaders, body: Data, now: Date) -> (seconds: Double, source: String)? {
        limits.retryAfterSeconds.map { ($0, "Retry-After") }
            ?? (try? JSONDecoder().decode(ErrorEnvelope.self, from: body))?.secondsBeforeNext.map { ($0, "msBeforeNext") }
            ?? limits.reset.map { (max(0, $0.timeIntervalSince(now)), "X-RateLimit-Reset") }
    }

    /// Whether attempt number `attempt` (0-based) may be followed by another.
    func shouldRetry(_ outcome: AttemptOutcome, safety: RetrySafety, attempt: Int) -> Bool {
        guard attempt < maxRetries else { return false }
        if case .transport(let failure) = outcome {
            if failure.kind == .bodyTooLarge { return false }  // the same body would come back
            if failure.kind == .connectFailed, attempt >= maxConnectRetries { return false }
        }
        switch outcome {
        case .status(429):
            return true
        case .status(let status) where status >= 500 || status == 408:
            return safety == .repeatable
        case .status:
            return false
        case .transport(let failure):
            return safety == .repeatable || !failure.mayHaveReachedServer
        case .undecodable:
            return safety == .repeatable
        }
    }

    /// Exponential backoff with "equal jitter": half fixed, half random, so it never collapses to 0.
    func backoff(attempt: Int, after outcome: AttemptOutcome? = nil, unitRandom: Double = Double.random(in: 0...1)) -> Double {
        var ceiling = min(maxBackoff, baseDelay * pow(2, Double(min(attempt, 30))))
        if case .transport(let failure)? = outcome, failure.kind == .connectFailed {
            ceiling = min(ceiling, Self.connectBackoffCeiling)
        }
        return ceiling / 2 + ceiling / 2 * min(max(unitRandom, 0), 1)
    }

    /// A server-requested wait, bounded, with a little jitter so parallel callers do not stampede.
    func serverWait(_ seconds: Double, unitRandom: Double = Double.random(in: 0...1)) -> Double {
        let bounded = min(max(seconds, 0), maxServerWait)
        return bounded + min(0.05 * bounded, 0.25) * min(max(unitRandom, 0), 1)
    }
}
