import Testing

@testable import SegmentSimulator

@Suite struct RateLimiterTests {
    @Test func unlimitedClassNeverReportsTheWindowSpent() {
        // A client that honours X-RateLimit-Remaining must never be told to wait by an unlimited simulator.
        var limiter = RateLimiter(windowSeconds: 60, readLimit: nil, writeLimit: 5)
        var last = limiter.consume(write: false, now: 0)
        for _ in 0..<(RateLimiter.notionalLimit + 100) { last = limiter.consume(write: false, now: 1) }
        #expect(last.allowed)
        #expect(last.remaining == RateLimiter.notionalLimit)
        #expect(last.consumed == RateLimiter.notionalLimit + 101)
    }

    @Test func limitedClassCountsDown() {
        var limiter = RateLimiter(windowSeconds: 60, readLimit: nil, writeLimit: 2)
        #expect(limiter.consume(write: true, now: 0).remaining == 1)
        #expect(limiter.consume(write: true, now: 0).remaining == 0)
        #expect(!limiter.consume(write: true, now: 0).allowed)
        #expect(limiter.consume(write: true, now: 60).allowed)
    }
}
