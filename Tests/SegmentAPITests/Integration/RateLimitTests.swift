import Foundation
import SegmentSimulator
import Testing
@testable import SegmentAPI

/// The client paces itself below the simulator's limits and rides out the 429s it does get.
/// Windows are shortened to one second so the suite stays fast.
@Suite struct RateLimitTests {
    @Test func pacedReadsNeverHitTheLimit() async throws {
        try await SimulatorHarness.run(size: .users(60), simulator: {
            $0.readRatePerMinute = 5
            $0.rateLimitWindowSeconds = 1
        }, client: {
            $0.pageSize = 5
            $0.readsPerMinute = 300  // 5 per second, like the simulator
        }) { simulator, client, state in
            let users = try await client.allUsers().collect()
            #expect(users.count == state.users.count)
            #expect(await simulator.stats().http429 == 0)
            #expect(await simulator.stats()["listUsers"] == 12)
        }
    }

    @Test func anUnpacedStormOf429sIsRiddenOut() async throws {
        try await SimulatorHarness.run(size: .users(40), simulator: {
            $0.readRatePerMinute = 5
            $0.rateLimitWindowSeconds = 1
        }, client: {
            $0.pageSize = 5
            $0.readsPerMinute = nil
        }) { simulator, client, state in
            // Eight pages fetched concurrently with four more lists: far more than 5 per window.
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 { group.addTask { try await client.allUsers().collect().count } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(counts == [state.users.count, state.users.count, state.users.count])
            let stats = await simulator.stats()
            // Honouring X-RateLimit-Remaining/Reset and msBeforeNext keeps refusals to the few
            // requests already in flight when a window runs out (24 pages were needed).
            #expect(stats.http429 <= 12, "429s: \(stats.http429)")
        }
    }

    @Test func aBurstOfWritesIsPacedBelowTheWriteLimit() async throws {
        try await SimulatorHarness.run(simulator: {
            $0.writeRatePerMinute = 4
            $0.rateLimitWindowSeconds = 1
        }, client: {
            $0.writesPerMinute = 240  // 4 per second
        }) { simulator, client, state in
            let group = try await client.createUserGroup(name: "Burst")
            let emails = state.users.prefix(10).map(\.email)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                for email in emails {
                    tasks.addTask { try await client.addUsersToUserGroup(groupId: group.id, emails: [email]) }
                }
                try await tasks.waitForAll()
            }
            #expect(try await client.getUserGroup(id: group.id).memberCount == Double(emails.count))
            #expect(await simulator.stats().http429 == 0)
        }
    }
}
