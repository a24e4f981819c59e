import Synchronization

/// The fake's ``ConductorOneRecord`` behind a lock, plus waiting for it to reach a state.
///
/// Every change goes through ``update(_:)``, which re-checks the pending waits afterwards and
/// resumes those now satisfied: tests wait for events, never for time.
final class SharedRecord: Sendable {
    /// A pending wait: checks the record and, once satisfied, hands back how to resume the
    /// waiting task (run after the lock is released).
    private struct Waiter: Sendable {
        let resumeIfSatisfied: @Sendable (ConductorOneRecord) -> (@Sendable () -> Void)?
        let fail: @Sendable (any Error) -> Void
        let description: String
    }

    private struct Guarded: Sendable {
        var record: ConductorOneRecord
        var waiters: [UInt64: Waiter] = [:]
        var nextWaiterId: UInt64 = 0
        /// Waits cancelled before they got to register.
        var cancelledBeforeRegistering: Set<UInt64> = []
    }

    private let guarded: Mutex<Guarded>

    init(_ record: ConductorOneRecord) {
        guarded = Mutex(Guarded(record: record))
    }

    /// A consistent look at the record.
    func read<Result: Sendable>(_ body: (ConductorOneRecord) throws -> Result) rethrows -> Result {
        try guarded.withLock { try body($0.record) }
    }

    /// Changes the record, then resumes the waits the change satisfied.
    @discardableResult
    func update<Result: Sendable>(_ body: (inout ConductorOneRecord) throws -> Result) rethrows -> Result {
        let (result, wakeUps) = try guarded.withLock { guarded in
            let result = try body(&guarded.record)
            var wakeUps: [@Sendable () -> Void] = []
            for (id, waiter) in guarded.waiters {
                if let wakeUp = waiter.resumeIfSatisfied(guarded.record) {
                    guarded.waiters[id] = nil
                    wakeUps.append(wakeUp)
                }
            }
            return (result, wakeUps)
        }
        for wakeUp in wakeUps { wakeUp() }
        return result
    }

    /// Marks the fake shut down and fails every pending wait, so no test hangs on a dead fake.
    func shutDown() {
        let pending = guarded.withLock { guarded in
            guarded.record.isShutDown = true
            let pending = Array(guarded.waiters.values)
            guarded.waiters = [:]
            return pending
        }
        for waiter in pending {
            waiter.fail(FakeConductorOneError.shutDown(waitingFor: waiter.description))
        }
    }

    /// Waits until `condition` yields a value for the record (checked now and after every
    /// change), the fake shuts down, or — as a safety net only — `timeout` passes.
    func wait<Value: Sendable>(
        for description: String,
        timeout: Duration?,
        until condition: @escaping @Sendable (ConductorOneRecord) -> Value?
    ) async throws -> Value {
        guard let timeout else {
            return try await wait(for: description, until: condition)
        }
        return try await withThrowingTaskGroup(of: Value.self) { group in
            group.addTask { try await self.wait(for: description, until: condition) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw FakeConductorOneError.timedOut(waitingFor: description)
            }
            defer { group.cancelAll() }
            // Both children either return or throw, so there is a first result.
            return try await group.next()!
        }
    }

    private func wait<Value: Sendable>(
        for description: String,
        until condition: @escaping @Sendable (ConductorOneRecord) -> Value?
    ) async throws -> Value {
        let id = guarded.withLock { guarded in
            guarded.nextWaiterId += 1
            return guarded.nextWaiterId
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                if let settledNow = register(id, description: description, condition: condition, continuation: continuation) {
                    continuation.resume(with: settledNow)
                }
            }
        } onCancel: {
            cancelWait(id)
        }
    }

    /// Settles a new wait at once (already satisfied, shut down, or cancelled before it got
    /// here) or stores it for ``update(_:)`` to resume.
    private func register<Value: Sendable>(
        _ id: UInt64,
        description: String,
        condition: @escaping @Sendable (ConductorOneRecord) -> Value?,
        continuation: CheckedContinuation<Value, any Error>
    ) -> Result<Value, any Error>? {
        let waiter = Waiter(
            resumeIfSatisfied: { (record: ConductorOneRecord) -> (@Sendable () -> Void)? in
                guard let value = condition(record) else { return nil }
                return { continuation.resume(returning: value) }
            },
            fail: { (error: any Error) in continuation.resume(throwing: error) },
            description: description
        )
        return guarded.withLock { (guarded: inout Guarded) -> Result<Value, any Error>? in
            if guarded.cancelledBeforeRegistering.remove(id) != nil {
                return .failure(CancellationError())
            }
            if let value = condition(guarded.record) {
                return .success(value)
            }
            if guarded.record.isShutDown {
                return .failure(FakeConductorOneError.shutDown(waitingFor: description))
            }
            guarded.waiters[id] = waiter
            return nil
        }
    }

    /// Fails a stored wait with CancellationError, or marks it so ``register`` fails it.
    private func cancelWait(_ id: UInt64) {
        let waiter = guarded.withLock { (guarded: inout Guarded) -> Waiter? in
            if let waiter = guarded.waiters.removeValue(forKey: id) {
                return waiter
            }
            guarded.cancelledBeforeRegistering.insert(id)
            return nil
        }
        waiter?.fail(CancellationError())
    }
}
