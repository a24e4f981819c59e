import Foundation
import Logging

/// Everything a `SegmentClient` needs; defaults suit the real API.
public struct SegmentClientConfiguration: Sendable {
    /// The Public API token (never logged, never echoed in errors).
    public var token: String
    /// Base URL, usually from `SegmentEndpoint.resolve(region:baseURL:)`.
    public var baseURL: URL
    /// `pagination.count` sent on every list call (Segment accepts 1–1000; 200 is safe everywhere).
    public var pageSize: Int = 200
    /// Requests in flight at once, across all operations.
    public var maxConcurrentRequests: Int = SegmentClientConfiguration.defaultConcurrency
    /// The default of `maxConcurrentRequests`, and of `--concurrency`: the one place it is set.
    public static let defaultConcurrency = 8
    /// Client-side pacing of reads; nil sends reads as fast as the concurrency cap allows.
    public var readsPerMinute: Int? = nil
    /// Client-side pacing of IAM writes (Segment allows 60 a minute per endpoint).
    public var writesPerMinute: Int = 60
    /// Retries after the first attempt, for retryable failures.
    public var maxRetries: Int = 6
    /// Retries after a connection could not be made (refused, unreachable): a server that is not
    /// there rarely appears within seconds, so this budget is short and its backoff steps small.
    public var maxConnectRetries: Int = 2
    /// Deadline for one HTTP attempt: connect, response head and the whole body.
    public var requestTimeout: Duration = .seconds(30)
    /// Deadline for establishing a connection.
    public var connectTimeout: Duration = .seconds(10)
    /// First backoff step; later steps double (with full jitter) up to `maxBackoff`.
    public var retryBaseDelay: Duration = .milliseconds(500)
    /// Ceiling of one backoff step.
    public var maxBackoff: Duration = .seconds(30)
    /// Longest single server-requested wait (`Retry-After`, `msBeforeNext`, `X-RateLimit-Reset`);
    /// a request asked to wait longer fails at once, saying what Segment asked for.
    public var maxServerWait: Duration = .seconds(120)
    /// Most server-requested waiting one request may do across its attempts.
    public var maxTotalServerWait: Duration = .seconds(300)
    /// Pages one listing may take before it is treated as endless (see `PageBound`).
    public var maxPagesPerListing: Int = PageBound.standard.ceiling
    /// Largest response body accepted; Segment pages are far smaller.
    public var maxResponseBytes: Int = 64 * 1024 * 1024
    /// Where retries, backoff and rate-limit waits are reported.
    public var logger: Logger = Logger(label: "segment-api")

    /// A configuration for `baseURL` with every other setting at its default; nothing is checked until
    /// `SegmentClient.init(configuration:)`, which throws `SegmentConfigurationError` for a bad value.
    public init(token: String, baseURL: URL) {
        self.token = token
        self.baseURL = baseURL
    }

    /// Convenience: resolve the base URL from a region or an explicit URL string.
    public init(token: String, region: Region? = nil, baseURL: String? = nil) throws {
        self.init(token: token, baseURL: try SegmentEndpoint.resolve(region: region, baseURL: baseURL))
    }

    func validated() throws -> SegmentClientConfiguration {
        if token.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw SegmentConfigurationError.emptyToken }
        if SegmentToken.hasForbiddenCharacters(token) { throw SegmentConfigurationError.malformedToken }
        _ = try SegmentEndpoint.resolve(baseURL: baseURL.absoluteString)
        guard (1...1000).contains(pageSize) else { throw SegmentConfigurationError.invalidSetting("pageSize must be 1...1000") }
        guard maxConcurrentRequests >= 1 else { throw SegmentConfigurationError.invalidSetting("maxConcurrentRequests must be at least 1") }
        if let reads = readsPerMinute, reads < 1 { throw SegmentConfigurationError.invalidSetting("readsPerMinute must be at least 1") }
        guard writesPerMinute >= 1 else { throw SegmentConfigurationError.invalidSetting("writesPerMinute must be at least 1") }
        guard maxRetries >= 0, maxConnectRetries >= 0 else {
            throw SegmentConfigurationError.invalidSetting("retry counts must not be negative")
        }
        guard maxPagesPerListing >= 1 else { throw SegmentConfigurationError.invalidSetting("maxPagesPerListing must be at least 1") }
        guard maxResponseBytes >= 1 else { throw SegmentConfigurationError.invalidSetting("maxResponseBytes must be at least 1") }
        guard requestTimeout > .zero, connectTimeout > .zero else {
            throw SegmentConfigurationError.invalidSetting("timeouts must be positive")
        }
        return self
    }
}
