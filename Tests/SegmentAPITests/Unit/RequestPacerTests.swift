import Testing

@testable import SegmentAPI

@Suite struct RequestPacerTests {
    /// Start times of `count` sequential requests on `budget`.
    func starts(_ pacer: RequestPacer, _ clock: FakeClock, count: Int, budget: RequestBudget) async throws -> [Double] {
        var result: [Double] = []
        for _ in 0..<count {
            try await pacer.waitForTurn(budget)
            result.append(clock.now())
        }
        return result
    }

    @Test func aBurstOfHundredWritesAtSixtyPerMinuteTakesAboutHundredSecondsAndNeverExceedsAWindow() async throws {
        let clock = FakeClock()
        let pacer = RequestPacer(clock: clock, readsPerMinute: nil, writesPerMinute: 60)
        let times = try await starts(pacer, clock, count: 100, budget: .write)
        let elapsed = times.last! - times.first!
        #expect(elapsed > 98 && elapsed < 102)
        for (index, start) in times.enumerated() {
            let inWindow = times[index...].prefix { $0 < start + 60 }.count
            #expect(inWindow <= 60)
        }
    }

    @Test func readsAreUnpacedByDefaultAndDoNotWaitForWrites() async throws {
        let clock = FakeClock()
        let pacer = RequestPacer(clock: clock, readsPerMinute: nil, writesPerMinute: 60)
        _ = try await starts(pacer, clock, count: 5, budget: .write)
        let before = clock.now()
        _ = try await starts(pacer, clock, count: 50, budget: .read)
        #expect(clock.now() == before)
    }

    @Test func configuredReadPacingSpacesReads() async throws {
        let clock = FakeClock()
        let pacer = RequestPacer(clock: clock, readsPerMinute: 600, writesPerMinute: 60)
        let times = try await starts(pacer, clock, count: 11, budget: .read)
        #expect(abs((times.last! - times.first!) - 10 * 0.1 * RequestPacer.safetyMargin) < 1e-9)
    }

    @Test func concurrentReservationsGetDistinctSlots() async throws {
        let clock = FakeClock()
        let pacer = RequestPacer(clock: clock, readsPerMinute: nil, writesPerMinute: 120)
        let delays = await withTaskGroup(of: Double.self) { group in
            for _ in 0..<10 { group.addTask { await pacer.reserveSlot(.write) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let step = 0.5 * RequestPacer.safetyMargin
        #expect(delays.sorted().enumerated().allSatisfy { abs($0.element - Double($0.offset) * step) < 1e-9 })
    }

    @Test func serverHoldDelaysOnlyItsBudget() async throws {
        let clock = FakeClock()
        let pacer = RequestPacer(clock: clock, readsPerMinute: nil, writesPerMinute: nil)
        await pacer.hold(.read, forSeconds: 7)
        let start = clock.now()
        try await pacer.waitForTurn(.write)
        #expect(clock.now() == start)
        try await pacer.waitForTurn(.read)
        #expect(clock.now() == start + 7)
    }
}
