import Foundation

/// What one attempt of a request produced: everything `RetryPolicy.decide` reads to choose
/// between delivering, trying again after a wait, and failing.
struct AttemptReport<Value> {
    /// What came back from Segment, if anything.
    enum Result {
        /// No complete HTTP answer (refused connection, timeout, reset, cut-off body).
        case unanswered(TransportFailure)
        /// A 2xx whose body decoded.
        case decoded(Value)
        /// A 2xx whose body did not decode, and why.
        case undecodable(reason: String)
        /// Any other status, with the headers and body that may say how long to wait.
        case status(Int, limits: RateLimitHeaders, body: Data)
    }

    var operation: String
    /// 0-based: the first attempt is 0.
    var attempt: Int
    var safety: RetrySafety
    var result: Result
    /// When the answer arrived; `X-RateLimit-Reset` is measured from here.
    var now: Date
}

extension AttemptReport: Sendable where Value: Sendable {}
extension AttemptReport.Result: Sendable where Value: Sendable {}
