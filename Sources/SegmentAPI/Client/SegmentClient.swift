import Foundation
import Logging

/// Typed async client of the Segment Public API.
///
/// One instance shares a pooled HTTP client, a pacer (separate read and IAM-write budgets), a
/// concurrency cap and retry policy across every call; call `shutdown()` when done.
/// Sendable by construction: immutable properties, mutable state lives in actors.
public final class SegmentClient: Sendable {
    /// The validated configuration this client was made with; it holds the token, so never log it.
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
        let transport = AsyncHTTPTransport(
            connectTimeout: validated.connectTimeout,
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
        pacer = RequestPacer(
            clock: clock, readsPerMinute: configuration.readsPerMinute,
            writesPerMinute: configuration.writesPerMinute)
        concurrency = ConcurrencyLimiter(limit: configuration.maxConcurrentRequests)
        cursors = CursorLedger(bound: PageBound(pageSize: configuration.pageSize, ceiling: configuration.maxPagesPerListing))
        retryPolicy = RetryPolicy(
            maxRetries: configuration.maxRetries,
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
    /// Runs attempts only: what to do after each one is `RetryPolicy.decide`'s call.
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
            let result = await send(request, operation: spec.operation)
            try Task.checkCancellation()

            let report = AttemptReport(
                operation: spec.operation, attempt: attempt, safety: spec.safety,
                result: await read(result, budget: spec.budget, operation: spec.operation, decode: decode),
                now: clock.wallNow())
            switch retryPolicy.decide(report, waits: serverWaits, scrub: scrub) {
            case .deliver(let value):
                return value
            case .fail(let error):
                throw error
            case .backOff(let seconds, let reason):
                logger.warning(
                    "retrying Segment request",
                    metadata: [
                        "operation": "\(spec.operation)", "attempt": "\(attempt + 1)",
                        "reason": "\(reason)", "backoffSeconds": "\(seconds)",
                    ])
                try await clock.sleep(seconds: seconds)
            case .waitAsAsked(let seconds, let asked):
                logger.warning(
                    "Segment answered 429; waiting as instructed",
                    metadata: [
                        "operation": "\(spec.operation)", "seconds": "\(seconds)",
                        "attempt": "\(attempt + 1)",
                    ])
                await pacer.hold(spec.budget, forSeconds: seconds, reason: asked)
            }
            attempt += 1
        }
    }

    /// One attempt on the wire, under the concurrency cap; every failure becomes a `TransportFailure`.
    private func send(_ request: TransportRequest, operation: String) async -> Result<TransportResponse, TransportFailure> {
        await concurrency.withPermit {
            await self.counter.record(operation)
            do { return .success(try await self.transport.send(request)) } catch let failure as TransportFailure {
                return .failure(failure)
            } catch is CancellationError { return .failure(TransportFailure(kind: .other, detail: "cancelled")) } catch {
                return .failure(AsyncHTTPTransport.classify(error))
            }
        }
    }

    /// What an attempt produced, for the retry decision: a 2xx body decoded (or why not), or the
    /// status with its rate-limit headers. A spent rate-limit window holds the budget either way.
    private func read<T>(
        _ result: Result<TransportResponse, TransportFailure>, budget: RequestBudget, operation: String,
        decode: (Data) throws -> T
    ) async -> AttemptReport<T>.Result {
        let response: TransportResponse
        switch result {
        case .failure(let failure): return .unanswered(failure)
        case .success(let received): response = received
        }
        let limits = RateLimitHeaders(response: response, now: clock.wallNow())
        if let wait = limits.exhaustedWait(now: clock.wallNow()), wait > 0 {
            logger.debug(
                "Segment rate-limit window spent; holding requests",
                metadata: ["operation": "\(operation)", "seconds": "\(wait)"])
            // Held as asked; a later request refuses a hold longer than it may wait.
            await pacer.hold(
                budget, forSeconds: wait,
                reason: "Segment said the rate-limit window resets in \(ServerWaitBudget.shown(wait)) s (X-RateLimit-Reset)")
        }
        guard (200...299).contains(response.status) else { return .status(response.status, limits: limits, body: response.body) }
        do {
            return .decoded(try decode(response.body))
        } catch {
            return .undecodable(reason: PayloadDecoding.reason(error, body: response.body))
        }
    }

    private func makeRequest(_ spec: RequestSpec) -> TransportRequest {
        var headers = [
            ("Authorization", "Bearer \(configuration.token)"), ("Accept", "application/json"),
            ("User-Agent", "baton-segment-swift"),
        ]
        if spec.body != nil { headers.append(("Content-Type", "application/json")) }
        return TransportRequest(
            method: spec.method,
            url: RequestURL.build(base: configuration.baseURL, path: spec.path, query: spec.query),
            headers: headers, body: spec.body, timeout: configuration.requestTimeout)
    }

    // MARK: - Shapes shared by the operation files

    func page<Item: Decodable & Sendable>(
        _ operation: String, _ path: String, key: String, cursor: String?,
        extraQuery: [(String, String)] = []
    ) async throws -> Page<Item> {
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

    func sequence<Item: Sendable>(
        _ operation: String,
        _ fetch: @escaping @Sendable (String?) async throws -> Page<Item>
    ) -> PagedSequence<Item> {
        PagedSequence(operation: operation, fetchPage: fetch)
    }
}
