/// The tasks running now, at most `limit` at once. Syncs can be abandoned on shutdown;
/// provisioning writes are waited for, never cut off.
actor InFlightTasks {
    enum Kind: Sendable { case abandonable, mustComplete }

    private let limit: Int
    private var running: [Int: (task: Task<Void, Never>, kind: Kind)] = [:]
    private var nextId = 0
    private var slotWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var cancelledWaiters: Set<Int> = []

    init(limit: Int) { self.limit = max(1, limit) }

    var count: Int { running.count }

    /// Returns when fewer than `limit` tasks run; throws `CancellationError` if cancelled first.
    func waitForSlot() async throws {
        while running.count >= limit {
            try Task.checkCancellation()
            nextId += 1
            let id = nextId
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    if cancelledWaiters.remove(id) != nil { continuation.resume() } else { slotWaiters[id] = continuation }
                }
            } onCancel: {
                Task { await self.cancelWaiter(id) }
            }
        }
        try Task.checkCancellation()
    }

    /// Starts `body` as a task of its own (not a child of the poll loop, so stopping the loop
    /// does not cancel it).
    func start(_ kind: Kind, _ body: @escaping @Sendable () async -> Void) {
        nextId += 1
        let id = nextId
        let task = Task {
            await body()
            await self.ended(id)
        }
        running[id] = (task, kind)
    }

    /// Cancels the abandonable tasks and waits for every task to end.
    func stopAndWait() async {
        let tasks = running.values
        for entry in tasks where entry.kind == .abandonable { entry.task.cancel() }
        for entry in tasks { await entry.task.value }
    }

    private func ended(_ id: Int) {
        running[id] = nil
        if let (waiter, continuation) = slotWaiters.first {
            slotWaiters[waiter] = nil
            continuation.resume()
        }
    }

    private func cancelWaiter(_ id: Int) {
        if let continuation = slotWaiters.removeValue(forKey: id) { continuation.resume() } else { cancelledWaiters.insert(id) }
    }
}
