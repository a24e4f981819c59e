import Foundation
import SegmentSimulator
import TestSupport
import Testing

@testable import SegmentAPI

/// The token never appears in a log line or an error text, whatever happens.
@Suite struct TokenHygieneTests {
    @Test func theTokenIsAbsentFromEveryLogLineAndErrorText() async throws {
        let logs = CapturedLogs()
        var errors: [String] = []
        try await SimulatorHarness.run(
            simulator: {
                $0.readRatePerMinute = 3
                $0.rateLimitWindowSeconds = 1
            },
            client: {
                $0.logger = logs.logger()
                $0.pageSize = 2
            }
        ) { simulator, client, _ in
            await simulator.injectFaults([
                ScriptedFault(operation: nil, fault: .http503, count: 2),
                ScriptedFault(operation: "listUsers", fault: .malformed),
                ScriptedFault(operation: "listUsers", fault: .reset),
            ])
            _ = try await client.allUsers().collect()
            for call in [
                { _ = try await client.getUser(id: "missing") },
                { _ = try await client.getUserGroup(id: "missing") },
            ] as [@Sendable () async throws -> Void] {
                do { try await call() } catch { errors.append("\(error)"); errors.append(String(reflecting: error)) }
            }
        }
        #expect(logs.all.count >= 4)  // retries and rate-limit waits were logged
        #expect(errors.count == 4)
        for text in logs.all.map(\.line) + errors { #expect(!text.contains(SimulatorHarness.token), "\(text)") }
    }
}
