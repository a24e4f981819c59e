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

    /// Whether attempt number `attempt` (0-based) may be followed by another.
    func shouldRetry(_ outcome: AttemptOutcome, safety: RetrySafety, attempt: Int) -> Bool {
        guard attempt < maxRetries else { return false }
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
    func backoff(attempt: Int, unitRandom: Double = Double.random(in: 0...1)) -> Double {
        let ceiling = min(maxBackoff, baseDelay * pow(2, Double(min(attempt, 30))))
        return ceiling / 2 + ceiling / 2 * min(max(unitRandom, 0), 1)
    }

    /// A server-requested wait, bounded, with a little jitter so parallel callers do not stampede.
    func serverWait(_ seconds: Double, unitRandom: Double = Double.random(in: 0...1)) -> Double {
        let bounded = min(max(seconds, 0), maxServerWait)
        return bounded + min(0.05 * bounded, 0.25) * min(max(unitRandom, 0), 1)
    }
}
