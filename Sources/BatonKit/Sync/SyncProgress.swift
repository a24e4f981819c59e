import Synchronization

/// What the running sync has stored so far, updated after each page's rows reached the store,
/// and written as a ``SyncCheckpoint`` at least every `interval` and at every phase boundary.
/// Listing tasks update it concurrently; a checkpoint is a snapshot of it, so it names only
/// pages whose rows were handed to the store before the checkpoint was.
final class SyncProgress: Sendable {
    private struct State {
        var checkpoint: SyncCheckpoint
        var lastWrite: ContinuousClock.Instant
        var writing = false
    }

    private let state: Mutex<State>
    private let store: any SyncStore
    private let interval: Duration
    /// False for runs that are never resumed (targeted syncs): nothing is written.
    private let enabled: Bool

    init(start: SyncCheckpoint, store: any SyncStore, interval: Duration, enabled: Bool) {
        state = Mutex(State(checkpoint: start, lastWrite: .now))
        self.store = store
        self.interval = interval
        self.enabled = enabled
    }

    var snapshot: SyncCheckpoint { state.withLock { $0.checkpoint } }

    // MARK: - Updates

    /// A page of resource listing `key` is stored; `next` is "" when the listing is finished.
    func listingPageStored(_ key: String, next: String) {
        state.withLock { state in
            if next.isEmpty {
                state.checkpoint.listingTokens[key] = nil
                if !state.checkpoint.listingsDone.contains(key) { state.checkpoint.listingsDone.append(key) }
            } else {
                state.checkpoint.listingTokens[key] = next
            }
        }
    }

    /// A page of work item `index` (entitlements or grants of one resource) is stored.
    func workPageStored(_ index: Int, next: String) {
        state.withLock { state in
            var work = state.checkpoint.work
            if next.isEmpty {
                work.next["\(index)"] = nil
                work.done.append(index)
                var remaining = Set(work.done)
                while remaining.remove(work.doneBelow) != nil { work.doneBelow += 1 }
                work.done = remaining.sorted()
            } else {
                work.next["\(index)"] = next
            }
            state.checkpoint.work = work
        }
    }

    // MARK: - Writing

    /// Writes a checkpoint when the interval has passed since the last one (and none is being written).
    func checkpointIfDue() async throws {
        guard enabled else { return }
        let due: SyncCheckpoint? = state.withLock { state in
            guard !state.writing, ContinuousClock.now - state.lastWrite >= interval else { return nil }
            state.writing = true
            return state.checkpoint
        }
        guard let due else { return }
        defer {
            state.withLock {
                $0.writing = false; $0.lastWrite = .now
            }
        }
        try await store.checkpoint(due.encoded())
    }

    /// Enters `phase` (no listing is running) and writes the checkpoint at once.
    func begin(_ phase: SyncCheckpoint.Phase) async throws {
        let checkpoint: SyncCheckpoint = state.withLock { state in
            if state.checkpoint.phase != phase {
                state.checkpoint.phase = phase
                state.checkpoint.work = SyncCheckpoint.WorkProgress()
            }
            state.lastWrite = .now
            return state.checkpoint
        }
        guard enabled else { return }
        try await store.checkpoint(checkpoint.encoded())
    }
}
