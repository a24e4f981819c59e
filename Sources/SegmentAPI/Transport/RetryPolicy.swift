import Foundation

/// What happened on one attempt, as far as retrying is concerned.
enum AttemptOutcome: Sendable {
    case transport(TransportFailure)
    case status(Int)
    case undecodable
}

/// Decides whether to try again and how long to back off.
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

    /// Whether attempt number `attempt` (0-based) may be followed by another.
    func shouldRetry(_ outcome: AttemptOutcome, safety: RetrySafety, attempt: Int) -> Bool {
        guard attempt < maxRetries else { return false }
        if case .transport(let failure) = outcome {
            if failure.kind == .bodyTooLarge { return false }   // the same body would come back
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
