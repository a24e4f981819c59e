import Foundation
import Testing

@testable import SegmentAPI

/// Server-directed waits on virtual time: a wait longer than one wait may be fails at once, and
/// one request's waits together are capped.
@Suite("Server wait budget")
struct ServerWaitBudgetTests {
    let ok = ScriptedTransport.Step.respond(status: 200, body: #"{"data":{"workspace":{"id":"w","slug":"s","name":"n"}}}"#)

    @Test("Retry-After: 86400 fails without waiting at all")
    func hugeRetryAfterFailsAtOnce() async throws {
        let clock = FakeClock()
        let transport = ScriptedTransport([], fallback: .respond(status: 429, body: "{}", headers: [("Retry-After", "86400")]))
        let client = SegmentClient.scripted(transport, clock: clock)
        let error = await #expect(throws: SegmentAPIError.self) { _ = try await client.getWorkspace() }
        guard case .waitRefused(_, let asked)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(asked.contains("86400") && asked.contains("Retry-After"))
        #expect(clock.totalSlept == 0)
        #expect(transport.requests.count == 1)
    }

    @Test("one request's server-directed waits stop at the total cap")
    func totalWaitIsCapped() async throws {
        let clock = FakeClock()
        let transport = ScriptedTransport([], fallback: .respond(status: 429, body: "{}", headers: [("Retry-After", "100")]))
        let client = SegmentClient.scripted(transport, clock: clock) { $0.maxRetries = 20 }
        let error = await #expect(throws: SegmentAPIError.self) { _ = try await client.getWorkspace() }
        guard case .waitRefused? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(clock.totalSlept <= 300.5 && clock.totalSlept >= 200, "waited \(clock.totalSlept) s")
    }

    @Test("a rate-limit window reset an hour ahead fails the next request without waiting")
    func farFutureResetFailsTheNextRequest() async throws {
        let clock = FakeClock()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let reset = formatter.string(from: clock.wallNow().addingTimeInterval(3_600))
        let spent = ScriptedTransport.Step.respond(
            status: 200, body: #"{"data":{"workspace":{"id":"w"}}}"#,
            headers: [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset)])
        let client = SegmentClient.scripted(ScriptedTransport([spent, ok]), clock: clock)
        _ = try await client.getWorkspace()
        let error = await #expect(throws: SegmentAPIError.self) { _ = try await client.getWorkspace() }
        #expect(error.map { "\($0)" }?.contains("3600") == true, "\(String(describing: error))")
        #expect(clock.totalSlept == 0)
    }
}
