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
    let cursors: CursorLedger
    let retryPolicy: RetryPolicy
    let scrub: TokenScrubber
    let logger: Logger

    /// Validates the configuration and opens the shared HTTP client.
    public convenience init(configuration: SegmentClientConfiguration) throws {
        let validated = try configuration.validated()
        let transport = AsyncHTTPTransport(connectTimeout: validated.connectTimeout,
                                           readTimeout: validated.requestTimeout,
                                           maxConnectionsPerHost: validated.maxConcurrentRequests,
                                           maxBodyBytes: validated.maxResponseBytes)
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
        cursors = CursorLedger(bound: PageBound(pageSize: configuration.pageSize, ceiling: configuration.maxPagesPerListing))
        retryPolicy = RetryPolicy(maxRetries: configuration.maxRetries,
                                  baseDelay: configuration.retryBaseDelay.seconds,
                                  maxBackoff: configuration.maxBackoff.seconds,
                                  maxServerWait: configuration.maxServerWait.seconds,
                                  maxTotalServerWait: configuration.maxTotalServerWait.seconds,
                                  maxConnectRetries: configuration.maxConnectRetries)
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
        try RequestPath.check(spec.path, operation: spec.operation)
        let request = makeRequest(spec)
        var attempt = 0
        var serverWaits = ServerWaitBudget(policy: retryPolicy, operation: spec.operation)
        while true {
            try await pacer.waitForSlot(spec.budget)
            // A hold Segment set (this request's or another's) is waited out only within budget.
            while let hold = await pacer.serverHold(spec.budget) {
                try serverWaits.allow(hold.seconds, asked: hold.reason)
                try await clock.sleep(seconds: hold.seconds)
            }
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
                    if failure.kind == .truncatedBody || failure.kind == .bodyTooLarge {
                        throw SegmentAPIError.undecodable(operation: spec.operation,
                                                          message: scrub("\(failure) after \(attempt + 1) attempts"))
                    }
                    throw SegmentAPIError.transport(operation: spec.operation,
                                                    message: scrub("\(failure) after \(attempt + 1) attempts"))
                }
                try await backOff(spec, attempt: attempt, after: outcome, reason: scrub(failure.description))
                attempt += 1
                continue
            case .success(let received):
                response = received
            }

            let limits = RateLimitHeaders(response: response, now: clock.wallNow())
            if let wait = limits.exhaustedWait(now: clock.wallNow()), wait > 0 {
                logger.debug("Segment rate-limit window spent; holding requests",
                             metadata: ["operation": "\(spec.operation)", "seconds": "\(wait)"])
                // Held as asked; a later request refuses a hold longer than it may wait.
                await pacer.hold(spec.budget, forSeconds: wait,
                                 reason: "Segment said the rate-limit window resets in \(ServerWaitBudget.shown(wait)) s (X-RateLimit-Reset)")
            }

            switch response.status {
            case 200...299:
                do {
                    return try decode(response.body)
                } catch {
                    let reason = PayloadDecoding.reason(error, body: response.body)
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
                let hint: (seconds: Double, source: String)? =
                    limits.retryAfterSeconds.map { ($0, "Retry-After") }
                    ?? (try? JSONDecoder().decode(ErrorEnvelope.self, from: response.body))?.secondsBeforeNext.map { ($0, "msBeforeNext") }
                    ?? limits.reset.map { (max(0, $0.timeIntervalSince(clock.wallNow())), "X-RateLimit-Reset") }
                if let hint {
                    let asked = "Segment asked to wait \(ServerWaitBudget.shown(hint.seconds)) s (\(hint.source) on a 429)"
                    try serverWaits.check(hint.seconds, asked: asked)
                    let wait = retryPolicy.serverWait(hint.seconds)
                    logger.warning("Segment answered 429; waiting as instructed",
                                   metadata: ["operation": "\(spec.operation)", "seconds": "\(wait)",
                                              "attempt": "\(attempt + 1)"])
                    await pacer.hold(spec.budget, forSeconds: wait, reason: asked)
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

    private func backOff(_ spec: RequestSpec, attempt: Int, after outcome: AttemptOutcome? = nil, reason: String) async throws {
        let delay = retryPolicy.backoff(attempt: attempt, after: outcome)
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
        // Cursors are counted per listing (path and filters): opaque cursors of two listings may coincide.
        let listing = path + "?" + RequestURL.encodeQuery(extraQuery)
        let number = await cursors.pageNumber(following: cursor, in: listing)
        let page: Page<Item> = try await perform(.get(operation, path, query: query)) { try PayloadDecoding.page($0, key: key) }
        if let next = page.next {
            guard await cursors.issue(next, in: listing, page: number, totalEntries: page.totalEntries) else {
                throw SegmentAPIError.tooManyPages(operation: operation, listing: path, pages: number.page)
            }
        }
        return page
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
