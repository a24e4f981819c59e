import Foundation
import TestSupport
import Testing

@testable import SegmentAPI

/// Retry, backoff and rate-limit behaviour on a scripted transport and virtual clock.
@Suite struct ClientRetryTests {
    let ok = ScriptedTransport.Step.respond(status: 200, body: #"{"data":{"workspace":{"id":"w","slug":"s","name":"n"}}}"#)

    @Test func transientFailuresOfReadsAreRetriedUntilSuccess() async throws {
        let transport = ScriptedTransport([
            .respond(status: 503, body: "{}"), .fail(.connectionReset), .fail(.timeout),
            .respond(status: 200, body: "{\"data\":{\"worksp"), ok,
        ])
        let clock = FakeClock()
        let client = SegmentClient.scripted(transport, clock: clock)
        #expect(try await client.getWorkspace().id == "w")
        #expect(transport.requests.count == 5)
        #expect(clock.sleeps.count == 4)
        #expect(await client.requestCounts == ["getWorkspace": 5])
    }

    @Test func persistentFailuresSurfaceAsTheRightTypedError() async throws {
        let cases: [(ScriptedTransport.Step, (SegmentAPIError) -> Bool)] = [
            (
                .respond(status: 500, body: #"{"errors":[{"type":"server","message":"boom"}]}"#),
                { $0 == .server(operation: "getWorkspace", status: 500, message: "boom") }
            ),
            (
                .fail(.timeout),
                { if case .transport(let op, let message) = $0 { op == "getWorkspace" && message.contains("timed out") } else { false } }
            ),
            (.fail(.connectionReset), { if case .transport = $0 { true } else { false } }),
            (.respond(status: 200, body: "<html>"), { if case .undecodable(let op, _) = $0 { op == "getWorkspace" } else { false } }),
            (.respond(status: 429, body: "{}"), { $0 == .rateLimited(operation: "getWorkspace", attempts: 3) }),
            (
                .fail(.truncatedBody),
                { if case .undecodable(let op, let message) = $0 { op == "getWorkspace" && message.contains("truncated") } else { false } }
            ),
        ]
        for (step, matches) in cases {
            let transport = ScriptedTransport([], fallback: step)
            let client = SegmentClient.scripted(transport) { $0.maxRetries = 2 }
            do {
                _ = try await client.getWorkspace()
                Issue.record("expected a failure for \(step)")
            } catch let error as SegmentAPIError {
                #expect(matches(error), "\(error)")
            }
            #expect(transport.requests.count == 3)
        }
    }

    @Test func createInvitesIsNotRepeatedAfterItMayHaveReachedSegment() async throws {
        for step: ScriptedTransport.Step in [
            .respond(status: 500, body: "{}"), .fail(.timeout), .fail(.connectionReset),
            .respond(status: 201, body: "garbage"),
        ] {
            let transport = ScriptedTransport([step], fallback: .respond(status: 201, body: #"{"data":{"emails":["a@b.c"]}}"#))
            let client = SegmentClient.scripted(transport)
            await #expect(throws: SegmentAPIError.self) { try await client.createInvites([InviteInput(email: "a@b.c")]) }
            #expect(transport.requests.count == 1)
        }
    }

    @Test func createUserGroupIsRetriedAfterA429OrAFailedConnect() async throws {
        let created = ScriptedTransport.Step.respond(status: 200, body: #"{"data":{"userGroup":{"id":"g","name":"n","memberCount":0}}}"#)
        let transport = ScriptedTransport([.respond(status: 429, body: "{}"), .fail(.connectFailed), created])
        let client = SegmentClient.scripted(transport)
        #expect(try await client.createUserGroup(name: "n").id == "g")
        #expect(transport.requests.count == 3)
    }

    @Test func a429WaitsForMsBeforeNextAndHoldsTheWholeBudget() async throws {
        let limited = ScriptedTransport.Step.respond(
            status: 429,
            body: """
                {"errors":[{"type":"RequestError","message":"Too many requests","data":{"remainingPoints":0,"msBeforeNext":5700,"consumedPoints":21}}]}
                """)
        let transport = ScriptedTransport([limited, ok])
        let clock = FakeClock()
        let client = SegmentClient.scripted(transport, clock: clock)
        let start = clock.now()
        _ = try await client.getWorkspace()
        let waited = clock.now() - start
        #expect(waited >= 5.7 && waited <= 5.7 * 1.05 + 0.001)
    }

    @Test func retryAfterWinsOverMsBeforeNext() async throws {
        let limited = ScriptedTransport.Step.respond(
            status: 429, body: #"{"errors":[{"type":"x","data":{"msBeforeNext":60000}}]}"#, headers: [("Retry-After", "2")])
        let clock = FakeClock()
        let client = SegmentClient.scripted(ScriptedTransport([limited, ok]), clock: clock)
        _ = try await client.getWorkspace()
        #expect(clock.totalSlept >= 2 && clock.totalSlept <= 2.1)
    }

    @Test func anExhaustedWindowHoldsTheNextRequestUntilReset() async throws {
        let clock = FakeClock()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let reset = formatter.string(from: clock.wallNow().addingTimeInterval(9))
        let spent = ScriptedTransport.Step.respond(
            status: 200, body: #"{"data":{"workspace":{"id":"w"}}}"#,
            headers: [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset)])
        let client = SegmentClient.scripted(ScriptedTransport([spent, ok]), clock: clock)
        _ = try await client.getWorkspace()
        #expect(clock.totalSlept == 0)
        _ = try await client.getWorkspace()
        #expect(abs(clock.totalSlept - 9) < 0.01)
    }

    @Test func rateLimitHeadersParseRFC5322Dates() {
        let now = Date(timeIntervalSince1970: 1_704_067_200)  // Mon, 01 Jan 2024 00:00:00 GMT
        let parsed = RateLimitHeaders.parseDate("Mon, 01 Jan 2024 00:01:00 GMT", now: now)
        #expect(parsed == now.addingTimeInterval(60))
        #expect(RateLimitHeaders.parseDate("30", now: now) == now.addingTimeInterval(30))
        #expect(RateLimitHeaders.parseDate("nonsense", now: now) == nil)
    }

    @Test func retriesAreLoggedWithoutTheToken() async throws {
        let logs = CapturedLogs()
        let transport = ScriptedTransport([
            .respond(status: 503, body: #"{"errors":[{"type":"s","message":"echo tok-SECRET-123"}]}"#),
            .fail(.timeout), .respond(status: 429, body: #"{"errors":[{"type":"r","data":{"msBeforeNext":10}}]}"#), ok,
        ])
        let client = SegmentClient.scripted(transport, logger: logs.logger())
        _ = try await client.getWorkspace()
        #expect(logs.all.count >= 3)
        #expect(logs.all.allSatisfy { !$0.line.contains("tok-SECRET-123") })
    }

    /// A cap below 3 would leave the gate shut, so the time limit turns that into a failure.
    @Test(.timeLimit(.minutes(1))) func concurrencyCapBoundsRequestsInFlight() async throws {
        let inFlight = LockedBox((now: 0, peak: 0))
        let transport = GatedTransport(inFlight: inFlight, gate: AsyncBarrier(parties: 3))
        var configuration = SegmentClientConfiguration(token: "t", baseURL: URL(string: "https://api.segmentapis.com")!)
        configuration.maxConcurrentRequests = 3
        let client = SegmentClient(validated: configuration, transport: transport, clock: FakeClock())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<12 { group.addTask { _ = try await client.getWorkspace() } }
            try await group.waitForAll()
        }
        #expect(inFlight.current.peak == 3)
    }
}

/// Holds the first requests until `gate`'s parties are all in flight at once, so the peak
/// reaches the cap for certain; requests the cap queued meanwhile would show up above it.
final class GatedTransport: HTTPTransport {
    let inFlight: LockedBox<(now: Int, peak: Int)>
    let gate: AsyncBarrier
    init(inFlight: LockedBox<(now: Int, peak: Int)>, gate: AsyncBarrier) {
        self.inFlight = inFlight
        self.gate = gate
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        inFlight.withLock {
            $0.now += 1; $0.peak = max($0.peak, $0.now)
        }
        await gate.arriveAndWait()
        inFlight.withLock { $0.now -= 1 }
        return TransportResponse(status: 200, headers: [], body: Data(#"{"data":{"workspace":{"id":"w"}}}"#.utf8))
    }

    func shutdown() async throws {}
}
