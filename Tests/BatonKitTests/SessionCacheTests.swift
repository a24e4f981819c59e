import BatonKit
import TestSupport
import Testing

actor Counter {
    private(set) var value = 0
    func increment() -> Int { value += 1; return value }
}

@Suite struct SessionCacheTests {
    @Test func getOrComputeRunsOnceUnderConcurrency() async throws {
        let cache = SessionCache()
        let runs = Counter()
        // The computation stays pending until all 50 callers have started asking.
        let everyoneAsked = AsyncBarrier(parties: 50)
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<50 {
                group.addTask {
                    await everyoneAsked.arrive()
                    return try await cache.getOrCompute("roles") {
                        _ = await runs.increment()
                        await everyoneAsked.opened()
                        return ["admin", "viewer"]
                    }
                }
            }
            return try await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        #expect(await runs.value == 1)
        #expect(results.count == 50 && results.allSatisfy { $0 == ["admin", "viewer"] })
        #expect(await cache.get("roles", as: [String].self) == ["admin", "viewer"])
    }

    @Test func typedGetSetAndMismatch() async throws {
        let cache = SessionCache()
        await cache.set("count", 3)
        #expect(await cache.get("count", as: Int.self) == 3)
        #expect(await cache.get("count", as: String.self) == nil)
        await #expect(throws: BatonError.self) { try await cache.getOrCompute("count", as: String.self) { "x" } }
    }

    @Test func failedComputationIsRetried() async throws {
        let cache = SessionCache()
        await #expect(throws: BatonError.self) {
            try await cache.getOrCompute("k", as: Int.self) { throw BatonError.internal("boom") }
        }
        #expect(try await cache.getOrCompute("k") { 7 } == 7)
    }
}
