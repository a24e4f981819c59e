import Foundation
import Logging

/// Typed async client of the Segment Public API.
///
/// One instance shares a pooled HTTP client, a pacer (separate read and IAM-write budgets), a
/// concurrency cap and retry policy across every call; call `shutdown()` when done.
/// Sendable by construction: immutable properties, mutable state lives in actors.
public final class SegmentClient: Sendable {
    public let configuration: SegmentClientConfiguration
    let transport: any HTTPTransport
    let clock: any PacingClock
    let pacer: RequestPacer
    let concurrency: ConcurrencyLimiter
    let counter = RequestCounter()
    let retryPolicy: RetryPolicy
    let scrub: TokenScrubber
    let logger: Logger

    /// Validates the configuration and opens the shared HTTP client.
    public convenience init(configuration: SegmentClientConfiguration) throws {
        let validated = try configuration.validated()
        let transport = AsyncHTTPTransport(connectTimeout: validated.connectTimeout,
                                           readTimeout: validated.requestTimeout,
                                           maxConnectionsPerHost: validated.maxConcurrentRequests)
        self.init(validated: validated, transport: transport, clock: SystemPacingClock())
    }

    /// Test seam: any transport, any clock.
    init(validated configuration: SegmentClientConfiguration, transport: any HTTPTransport, clock: any PacingClock) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        pacer = RequestPacer(clock: clock, readsPerMinute: configuration.readsPerMinute,
                             writesPerMinute: configuration.writesPerMinute)
        concurrency = ConcurrencyLimiter(limit: configuration.maxConcurrentRequests)
        retryPolicy = RetryPolicy(maxRetries: configuration.maxRetries,
                                  baseDelay: configuration.retryBaseDelay.seconds,
                                  maxBackoff: configuration.maxBackoff.seconds,
                                  maxServerWait: configuration.maxServerWait.seconds)
        scrub = TokenScrubber(token: configuration.token)
        logger = configuration.logger
    }

    /// Closes pooled connections. The client must not be used afterwards.
    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// HTTP requests sent per operation name (retries included).
    public var requestCounts: [String: Int] {
        get async { await counter.snapshot }
    }

    /// The page size sent as `pagination.count`.
    public var pageSize: Int { configuration.pageSize }

    // MARK: - Core request loop

    /// Sends `spec` with pacing, the concurrency cap and retries; decodes a 2xx body with `decode`.
    func perform<T: Sendable>(_ spec: RequestSpec, decode: @Sendable (Data) throws -> T) async throws -> T {
        let request = makeRequest(spec)
        var attempt = 0
        while true {
            try await pacer.waitForTurn(spec.budget)
            let result: Result<TransportResponse, TransportFailure> = await concurrency.withPermit {
                await self.counter.record(spec.operation)
                do { return .success(try await self.transport.send(request)) }
                catch let failure as TransportFailure { return .failure(failure) }
                catch is CancellationError { return .failure(TransportFailure(kind: .other, detail: "cancelled")) }
                catch { return .failure(AsyncHTTPTransport.classify(error)) }
            }
            try Task.checkCancellation()

            let response: TransportResponse
            switch result {
            case .failure(let failure):
                let outcome = AttemptOutcome.transport(failure)
                guard retryPolicy.shouldRetry(outcome, safety: spec.safety, attempt: attempt) else {
                    if failure.kind == .truncatedBody {
                        throw SegmentAPIError.undecodable(operation: spec.operation,
                                                          message: scrub("\(failure) after \(attempt + 1) attempts"))
                    }
                    throw SegmentAPIError.transport(operation: spec.operation,
                                                    message: scrub("\(failure) after \(attempt + 1) attempts"))
                }
                try await backOff(spec, attempt: attempt, reason: scrub(failure.description))
                attempt += 1
                continue
            case .success(let received):
                response = received
            }

            let limits = RateLimitHeaders(response: response, now: clock.wallNow())
            if let wait = limits.exhaustedWait(now: clock.wallNow()), wait > 0 {
                let bounded = min(wait, retryPolicy.maxServerWait)
                logger.debug("Segment rate-limit window spent; holding requests",
                             metadata: ["operation": "\(spec.operation)", "seconds": "\(bounded)"])
                await pacer.hold(spec.budget, forSeconds: bounded)
            }

            switch response.status {
            case 200...299:
                do {
                    return try decode(response.body)
                } catch {
                    let reason = PayloadDecoding.reason(error, bytes: response.body.count)
                    guard retryPolicy.shouldRetry(.undecodable, safety: spec.safety, attempt: attempt) else {
                        throw SegmentAPIError.undecodable(operation: spec.operation, message: scrub(reason))
                    }
                    try await backOff(spec, attempt: attempt, reason: "undecodable body: \(reason)")
                    attempt += 1
                }
            case 429:
                guard retryPolicy.shouldRetry(.status(429), safety: spec.safety, attempt: attempt) else {
                    throw SegmentAPIError.rateLimited(operation: spec.operation, attempts: attempt + 1)
                }
                let hint = limits.retryAfterSeconds
                    ?? (try? JSONDecoder().decode(ErrorEnvelope.self, from: response.body))?.secondsBeforeNext
                    ?? limits.reset.map { max(0, $0.timeIntervalSince(clock.wallNow())) }
                if let hint {
                    let wait = retryPolicy.serverWait(hint)
                    logger.warning("Segment answered 429; waiting as instructed",
                                   metadata: ["operation": "\(spec.operation)", "seconds": "\(wait)",
                                              "attempt": "\(attempt + 1)"])
                    await pacer.hold(spec.budget, forSeconds: wait)
                } else {
                    try await backOff(spec, attempt: attempt, reason: "429 without a wait hint")
                }
                attempt += 1
            case let status:
                guard retryPolicy.shouldRetry(.status(status), safety: spec.safety, attempt: attempt) else {
                    throw ErrorMapping.error(operation: spec.operation, status: status, body: response.body,
                                             attempts: attempt + 1, scrub: scrub.callAsFunction)
                }
                try await backOff(spec, attempt: attempt, reason: "HTTP \(status)")
                attempt += 1
            }
        }
    }

    private func backOff(_ spec: RequestSpec, attempt: Int, reason: String) async throws {
        let delay = retryPolicy.backoff(attempt: attempt)
        logger.warning("retrying Segment request",
                       metadata: ["operation": "\(spec.operation)", "attempt": "\(attempt + 1)",
                                  "reason": "\(reason)", "backoffSeconds": "\(delay)"])
        try await clock.sleep(seconds: delay)
    }

    private func makeRequest(_ spec: RequestSpec) -> TransportRequest {
        var headers = [("Authorization", "Bearer \(configuration.token)"), ("Accept", "application/json"),
                       ("User-Agent", "baton-segment-swift")]
        if spec.body != nil { headers.append(("Content-Type", "application/json")) }
        return TransportRequest(method: spec.method,
                                url: RequestURL.build(base: configuration.baseURL, path: spec.path, query: spec.query),
                                headers: headers, body: spec.body, timeout: configuration.requestTimeout)
    }

    // MARK: - Shapes shared by the operation files

    func page<Item: Decodable & Sendable>(_ operation: String, _ path: String, key: String, cursor: String?,
                                          extraQuery: [(String, String)] = []) async throws -> Page<Item> {
        let query = extraQuery + RequestURL.pagination(count: configuration.pageSize, cursor: cursor)
        return try await perform(.get(operation, path, query: query)) { try PayloadDecoding.page($0, key: key) }
    }

    func object<Object: Decodable & Sendable>(_ spec: RequestSpec, key: String) async throws -> Object {
        try await perform(spec) { try PayloadDecoding.object($0, key: key) }
    }

    func status(_ spec: RequestSpec) async throws {
        try await perform(spec) { try PayloadDecoding.status($0) }
    }

    func sequence<Item: Sendable>(_ operation: String,
                                  _ fetch: @escaping @Sendable (String?) async throws -> Page<Item>) -> PagedSequence<Item> {
        PagedSequence(operation: operation, fetchPage: fetch)
    }
}
