import Testing

@testable import SegmentAPI

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxRetries: 3, baseDelay: 0.5, maxBackoff: 8, maxServerWait: 60)

    @Test func repeatableRequestsRetryServerErrorsTimeoutsResetsAndBadBodies() {
        for outcome: AttemptOutcome in [
            .status(500), .status(503), .status(429), .undecodable,
            .transport(.init(kind: .timeout, detail: "")),
            .transport(.init(kind: .connectionReset, detail: "")),
            .transport(.init(kind: .connectionClosed, detail: "")),
        ] {
            #expect(policy.shouldRetry(outcome, safety: .repeatable, attempt: 0))
            #expect(!policy.shouldRetry(outcome, safety: .repeatable, attempt: 3))
        }
    }

    @Test func clientErrorsAreNeverRetried() {
        for status in [400, 401, 403, 404, 409, 413, 422] {
            #expect(!policy.shouldRetry(.status(status), safety: .repeatable, attempt: 0))
        }
    }

    @Test func nonRepeatableRequestsRetryOnlyWhenSegmentRefusedOrNeverSawThem() {
        #expect(policy.shouldRetry(.status(429), safety: .onlyIfNotReceived, attempt: 0))
        #expect(policy.shouldRetry(.transport(.init(kind: .connectFailed, detail: "")), safety: .onlyIfNotReceived, attempt: 0))
        for outcome: AttemptOutcome in [
            .status(500), .status(503), .undecodable,
            .transport(.init(kind: .timeout, detail: "")),
            .transport(.init(kind: .connectionReset, detail: "")),
        ] {
            #expect(!policy.shouldRetry(outcome, safety: .onlyIfNotReceived, attempt: 0))
        }
    }

    @Test func backoffGrowsExponentiallyWithJitterAndIsCapped() {
        #expect(policy.backoff(attempt: 0, unitRandom: 0) == 0.25)
        #expect(policy.backoff(attempt: 0, unitRandom: 1) == 0.5)
        #expect(policy.backoff(attempt: 2, unitRandom: 1) == 2)
        #expect(policy.backoff(attempt: 10, unitRandom: 1) == 8)
        #expect(policy.backoff(attempt: 10, unitRandom: 0) == 4)
    }

    @Test func serverWaitsAreBoundedAndOnlyGrowByJitter() {
        #expect(policy.serverWait(2, unitRandom: 0) == 2)
        #expect(policy.serverWait(2, unitRandom: 1) == 2.1)
        #expect(policy.serverWait(3_600, unitRandom: 0) == 60)
        #expect(policy.serverWait(-5, unitRandom: 0) == 0)
    }
}
