import Foundation
import TestSupport

@testable import SegmentAPI

/// Virtual time: `sleep` advances the clock instantly and records the wait.
final class FakeClock: PacingClock {
    private struct State {
        var now: Double = 1_000
        var sleeps: [Double] = []
    }

    private let state = LockedBox(State())
    /// Wall-clock time at virtual `now == 1000`.
    let wallOrigin = Date(timeIntervalSince1970: 1_700_000_000)

    func now() -> Double { state.withLock { $0.now } }

    func wallNow() -> Date { wallOrigin.addingTimeInterval(now() - 1_000) }

    func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        state.withLock {
            $0.now += seconds
            $0.sleeps.append(seconds)
        }
    }

    var sleeps: [Double] { state.withLock { $0.sleeps } }
    var totalSlept: Double { sleeps.reduce(0, +) }
}
