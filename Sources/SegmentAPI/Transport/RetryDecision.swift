/// What to do after one attempt, as `RetryPolicy.decide` chooses it.
enum RetryDecision<Value> {
    /// The attempt succeeded: hand the decoded value to the caller.
    case deliver(Value)
    /// Sleep for `seconds` (exponential backoff with jitter), then try again; `reason` is logged.
    case backOff(seconds: Double, reason: String)
    /// Hold the request's budget for `seconds` because Segment asked (`asked` says how), then try again.
    case waitAsAsked(seconds: Double, asked: String)
    /// Give up with this one-line, token-free error (a `SegmentAPIError`).
    case fail(any Error)
}
