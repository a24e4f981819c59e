import Synchronization

/// Where a sync's time went, recorded when a ``SyncEngine`` is given one (the benchmark does).
/// Phases are wall time; `connectorSeconds` sums the time spent inside the connector's list
/// calls (requests, decoding and mapping) over all concurrent listings, so it can exceed the wall
/// time of the phases it overlaps. Recording costs two clock reads per page.
package final class SyncTimings: Sendable {
    private struct State {
        var phases: [(String, Duration)] = []
        var connector: Duration = .zero
        var connectorCalls = 0
    }
    private let state = Mutex(State())

    package init() {}

    /// Wall time of each step in the order they ran: `resources`, `entitlements`, `grants`,
    /// `expansion`, `finish` (the store's finish: indexes, compression, verification).
    package var phases: [(name: String, seconds: Double)] {
        state.withLock { $0.phases.map { ($0.0, $0.1.inSeconds) } }
    }

    /// Time inside connector list calls, summed over concurrent listings.
    package var connectorSeconds: Double { state.withLock { $0.connector.inSeconds } }
    /// How many connector list calls (pages) were timed.
    package var connectorCalls: Int { state.withLock { $0.connectorCalls } }

    func record(phase: String, _ duration: Duration) {
        state.withLock { $0.phases.append((phase, duration)) }
    }

    func addConnector(_ duration: Duration) {
        state.withLock {
            $0.connector += duration
            $0.connectorCalls += 1
        }
    }
}

extension Duration {
    /// This duration in seconds, as a Double.
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension Optional where Wrapped == SyncTimings {
    /// Runs `body`, recording its wall time as `phase` when timings are being kept.
    func phase<T>(_ phase: String, _ body: () async throws -> T) async rethrows -> T {
        guard let timings = self else { return try await body() }
        let started = ContinuousClock.now
        defer { timings.record(phase: phase, ContinuousClock.now - started) }
        return try await body()
    }

    /// Runs one connector call, adding its time to the connector total when timings are kept.
    func connector<T>(_ body: () async throws -> T) async rethrows -> T {
        guard let timings = self else { return try await body() }
        let started = ContinuousClock.now
        defer { timings.addConnector(ContinuousClock.now - started) }
        return try await body()
    }
}
