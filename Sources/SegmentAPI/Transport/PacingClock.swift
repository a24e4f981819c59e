import Foundation

/// Time as the pacing and retry logic sees it; injectable so tests run on virtual time.
protocol PacingClock: Sendable {
    /// Monotonic seconds since an arbitrary origin.
    func now() -> Double
    /// Wall-clock time, to interpret `X-RateLimit-Reset` dates.
    func wallNow() -> Date
    /// Suspends for `seconds` (no-op when not positive).
    func sleep(seconds: Double) async throws
}

/// Real time.
struct SystemPacingClock: PacingClock {
    private let origin = ContinuousClock.now

    func now() -> Double { (ContinuousClock.now - origin).seconds }
    func wallNow() -> Date { Date() }
    func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(for: .nanoseconds(Int64(seconds * 1e9)))
    }
}
