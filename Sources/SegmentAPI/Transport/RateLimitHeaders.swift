import Foundation

/// Segment's rate-limit signals on a response.
struct RateLimitHeaders: Sendable {
    var remaining: Int?
    /// When the window resets (`X-RateLimit-Reset`, an RFC 5322 date); parsed only when needed,
    /// since every response carries it and date parsing is not free.
    var reset: Date? { resetText.flatMap { Self.parseDate($0, now: receivedAt) } }
    private var resetText: String?
    private var receivedAt: Date
    /// `Retry-After` in seconds (delta or HTTP date), relative to `now`.
    var retryAfterSeconds: Double?

    init(response: TransportResponse, now: Date) {
        remaining = response.header("X-RateLimit-Remaining").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        resetText = response.header("X-RateLimit-Reset")
        receivedAt = now
        retryAfterSeconds = response.header("Retry-After").flatMap { value in
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if let seconds = Double(trimmed) { return seconds }
            return Self.parseDate(trimmed, now: now).map { $0.timeIntervalSince(now) }
        }
    }

    /// Seconds until the window resets, when Segment says it is spent.
    func exhaustedWait(now: Date) -> Double? {
        guard let remaining, remaining <= 0, let reset else { return nil }
        return max(0, reset.timeIntervalSince(now))
    }

    /// Parses an RFC 5322 / RFC 7231 date; numbers are taken as epoch seconds (large) or a delta.
    static func parseDate(_ text: String, now: Date) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let number = Double(trimmed) {
            return number > 1_000_000_000 ? Date(timeIntervalSince1970: number) : now.addingTimeInterval(number)
        }
        for format in [
            "EEE, dd MMM yyyy HH:mm:ss zzz", "EEE, d MMM yyyy HH:mm:ss zzz", "EEE, dd MMM yyyy HH:mm:ss Z",
            "dd MMM yyyy HH:mm:ss zzz",
        ] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        return ISO8601DateFormatter().date(from: trimmed)
    }
}
