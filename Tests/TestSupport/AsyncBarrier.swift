/// Opens once `parties` callers have arrived, and stays open: a test waits on state instead of
/// guessing how many `Task.yield()`s the scheduler needs before other tasks catch up.
public actor AsyncBarrier {
    private let parties: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(parties: Int) {
        precondition(parties > 0, "a barrier needs at least one party")
        self.parties = parties
    }

    /// Whether every party has arrived.
    var isOpen: Bool { arrived >= parties }

    /// Counts the caller as one party, without waiting.
    public func arrive() {
        arrived += 1
        guard isOpen else { return }
        let released = waiting
        waiting = []
        for continuation in released { continuation.resume() }
    }

    /// Suspends until every party has arrived (at once if they have).
    public func opened() async {
        guard !isOpen else { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Counts the caller as one party, then waits for the rest.
    public func arriveAndWait() async {
        arrive()
        await opened()
    }
}
