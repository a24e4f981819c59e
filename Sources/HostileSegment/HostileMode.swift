/// One way the hostile stand-in misbehaves, on requests whose path (without the query) is
/// `path`; `"*"` matches every path. Requests no mode matches go to the upstream (a simulator)
/// unchanged, or get a 404 when there is none.
package enum HostileMode: Sendable {
    /// 200 with `body`, one byte every `interval` (the head arrives at once).
    case trickle(path: String, body: String, interval: Duration)
    /// A list page under `data.<key>` with no items and a new cursor every time, reporting
    /// `totalEntries` (nil: none) so the client can tell how many pages there should be.
    case endlessCursor(path: String, key: String, totalEntries: Int?)
    /// 200 with a body of `bytes` bytes (a JSON string padded with spaces).
    case oversized(path: String, bytes: Int)
    /// A 302 to `location`.
    case redirect(path: String, location: String)
    /// Any fixed answer: wrong types, plain 403/404 without the plan-gate wording, deep JSON...
    case respond(path: String, status: Int, body: String, headers: [String: String] = [:])
    /// 429 with `Retry-After: <seconds>`.
    case retryAfter(path: String, seconds: Int)
    /// 200 with `body` (nil: the upstream's answer) carrying `X-RateLimit-Remaining: 0` and a
    /// reset `seconds` ahead.
    case farFutureReset(path: String, seconds: Int, body: String? = nil)
    /// The upstream's list answer with every `"id"` in `data.<key>` replaced by `id`
    /// (`..`, `.`): ids a dot-segment-normalising proxy would route elsewhere.
    case dotSegmentIds(path: String, key: String, id: String)
    /// The upstream's answer on the first page, and a 400 "Your plan does not include ..." on
    /// any later page (a request carrying `pagination.cursor`).
    case planGateOnLaterPage(path: String)

    var path: String {
        switch self {
        case .trickle(let path, _, _), .endlessCursor(let path, _, _), .oversized(let path, _), .redirect(let path, _),
            .respond(let path, _, _, _), .retryAfter(let path, _), .farFutureReset(let path, _, _),
            .dotSegmentIds(let path, _, _), .planGateOnLaterPage(let path):
            path
        }
    }

    func matches(path requested: String) -> Bool {
        path == "*" || path == requested
    }
}
