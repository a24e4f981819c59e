import Foundation
import Testing

@testable import SegmentAPI

/// `RetryPolicy.decide`, one attempt's outcome at a time: deliver, try again after a wait, or fail.
@Suite struct RetryDecisionTests {
    static let policy = RetryPolicy(maxRetries: 3, baseDelay: 0.5, maxBackoff: 8, maxServerWait: 60)
    static let now = Date(timeIntervalSince1970: 1_704_067_200)
    static let token = "tok-SECRET-42"

    /// What a decision came to, in a form a table can hold.
    enum Expected: Equatable, Sendable {
        case deliver(String)
        case backOff(seconds: Double, reason: String)
        case waitAsAsked(seconds: Double, askedContains: String)
        case fail(SegmentAPIError)
        case failMentioning(String)
    }

    static func status(_ status: Int, headers: [(String, String)] = [], body: String = "{}") -> AttemptReport<String>.Result {
        let response = TransportResponse(status: status, headers: headers, body: Data(body.utf8))
        return .status(status, limits: RateLimitHeaders(response: response, now: now), body: response.body)
    }

    static func failure(_ kind: TransportFailure.Kind, _ detail: String = "") -> AttemptReport<String>.Result {
        .unanswered(TransportFailure(kind: kind, detail: detail))
    }

    static let cases: [(String, AttemptReport<String>.Result, RetrySafety, Int, Expected)] = [
        ("2xx delivers", .decoded("w"), .repeatable, 0, .deliver("w")),
        ("2xx delivers on an unsafe write too", .decoded("w"), .onlyIfNotReceived, 2, .deliver("w")),
        (
            "429 with Retry-After waits that long", status(429, headers: [("Retry-After", "5")]), .repeatable, 0,
            .waitAsAsked(seconds: 5, askedContains: "Segment asked to wait 5.0 s (Retry-After on a 429)")
        ),
        (
            "429 with Retry-After just over the cap waits the cap", status(429, headers: [("Retry-After", "60.4")]), .repeatable, 0,
            .waitAsAsked(seconds: 60, askedContains: "Retry-After")
        ),
        (
            "429 with msBeforeNext waits that long", status(429, body: #"{"errors":[{"type":"r","data":{"msBeforeNext":1500}}]}"#),
            .onlyIfNotReceived, 0, .waitAsAsked(seconds: 1.5, askedContains: "msBeforeNext on a 429")
        ),
        ("429 without a hint backs off", status(429), .repeatable, 1, .backOff(seconds: 1, reason: "429 without a wait hint")),
        ("5xx on a safe request backs off", status(503), .repeatable, 2, .backOff(seconds: 2, reason: "HTTP 503")),
        ("408 on a safe request backs off", status(408), .repeatable, 0, .backOff(seconds: 0.5, reason: "HTTP 408")),
        (
            "5xx on an unsafe write fails", status(500, body: #"{"errors":[{"type":"server","message":"boom"}]}"#),
            .onlyIfNotReceived, 0, .fail(.server(operation: "createInvites", status: 500, message: "boom"))
        ),
        (
            "4xx fails at once", status(404, body: #"{"errors":[{"type":"nf","message":"no such user"}]}"#), .repeatable, 0,
            .fail(.notFound(operation: "createInvites", message: "no such user"))
        ),
        (
            "a refused connection (never sent) retries an unsafe write", failure(.connectFailed), .onlyIfNotReceived, 0,
            .backOff(seconds: 0.5, reason: "connection failed")
        ),
        (
            "a refused connection backs off at most a second", failure(.connectFailed), .repeatable, 1,
            .backOff(seconds: 1, reason: "connection failed")
        ),
        ("a timeout on a safe request backs off", failure(.timeout), .repeatable, 0, .backOff(seconds: 0.5, reason: "timed out")),
        (
            "a timeout on an unsafe write fails", failure(.timeout), .onlyIfNotReceived, 0,
            .fail(.transport(operation: "createInvites", message: "timed out after 1 attempts"))
        ),
        (
            "a body too large is never retried", failure(.bodyTooLarge), .repeatable, 0,
            .fail(.undecodable(operation: "createInvites", message: "body too large after 1 attempts"))
        ),
        (
            "a bad 2xx body on a safe request backs off", .undecodable(reason: "not JSON"), .repeatable, 0,
            .backOff(seconds: 0.5, reason: "undecodable body: not JSON")
        ),
        (
            "a bad 2xx body on an unsafe write fails", .undecodable(reason: "not JSON"), .onlyIfNotReceived, 0,
            .fail(.undecodable(operation: "createInvites", message: "not JSON"))
        ),
        (
            "5xx with attempts exhausted fails", status(503, body: #"{"errors":[{"type":"s","message":"busy"}]}"#), .repeatable, 3,
            .fail(.server(operation: "createInvites", status: 503, message: "busy"))
        ),
        (
            "429 with attempts exhausted fails", status(429, headers: [("Retry-After", "1")]), .repeatable, 3,
            .fail(.rateLimited(operation: "createInvites", attempts: 4))
        ),
        (
            "a truncated body with attempts exhausted fails as undecodable", failure(.truncatedBody), .repeatable, 3,
            .fail(.undecodable(operation: "createInvites", message: "body truncated after 4 attempts"))
        ),
        (
            "a server-directed wait beyond the cap fails, saying what Segment asked", status(429, headers: [("Retry-After", "86400")]),
            .repeatable, 0,
            .failMentioning("Segment asked to wait 86400 s (Retry-After on a 429), longer than the 60 s this client waits at once")
        ),
        (
            "the token never appears in a failure", failure(.timeout, "echo \(token)"), .onlyIfNotReceived, 0,
            .fail(.transport(operation: "createInvites", message: "timed out (echo [redacted]) after 1 attempts"))
        ),
    ]

    @Test(arguments: cases.indices)
    func decidesEachOutcome(_ index: Int) throws {
        let (name, result, safety, attempt, expected) = Self.cases[index]
        let report = AttemptReport(operation: "createInvites", attempt: attempt, safety: safety, result: result, now: Self.now)
        let decision = Self.policy.decide(
            report, waits: ServerWaitBudget(policy: Self.policy, operation: "createInvites"),
            scrub: TokenScrubber(token: Self.token), unitRandom: 1)
        switch (decision, expected) {
        case (.deliver(let value), .deliver(let wanted)):
            #expect(value == wanted, "\(name)")
        case (.backOff(let seconds, let reason), .backOff(let wantedSeconds, let wantedReason)):
            #expect(seconds == wantedSeconds, "\(name)")
            #expect(reason == wantedReason, "\(name)")
        case (.waitAsAsked(let seconds, let asked), .waitAsAsked(let wantedSeconds, let text)):
            // unitRandom 1 adds the full jitter: 5 % of the wait, at most a quarter second.
            #expect(seconds == wantedSeconds + min(0.05 * wantedSeconds, 0.25), "\(name)")
            #expect(asked.contains(text), "\(name): \(asked)")
        case (.fail(let error), .fail(let wanted)):
            #expect(error as? SegmentAPIError == wanted, "\(name): \(error)")
        case (.fail(let error), .failMentioning(let text)):
            let message = "\(error)"
            #expect(message.contains(text), "\(name): \(message)")
            #expect(!message.contains("\n"), "\(name): one line")
        default:
            Issue.record("\(name): decided \(decision), expected \(expected)")
        }
    }
}
