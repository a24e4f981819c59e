/// One operation at a time per principal (`user:<id>`, `group:<id>`, `invite:<e-mail>`).
///
/// Segment has no ETag or If-Match: a revoke is read, modify, replace. Two revokes on the same
/// principal that overlap would each write back the other's tuple, so the second resurrects
/// what the first removed. Holding the principal's key from the fresh read to the confirming
/// read makes them take turns. Shared by every syncer of one connector (through its memo).
actor PrincipalLocks {
    private var held: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Key for the workspace's owner set: taken (after the principal's key) by every operation
    /// that could remove a Workspace Owner, so two of them cannot each count the other as "the
    /// other owner" and together leave none.
    static let ownersKey = "workspace-owners"

    /// Runs `body` while holding `key`; callers with the same key queue in arrival order.
    nonisolated func withLock<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async throws -> T {
        await acquire(key)
        do {
            let result = try await body()
            await release(key)
            return result
        } catch {
            await release(key)
            throw error
        }
    }

    private func acquire(_ key: String) async {
        if held.insert(key).inserted { return }
        await withCheckedContinuation { waiting[key, default: []].append($0) }
    }

    /// Hands the key to the next waiter (it stays held), or frees it.
    private func release(_ key: String) {
        guard var queue = waiting[key], !queue.isEmpty else {
            held.remove(key)
            return
        }
        let next = queue.removeFirst()
        waiting[key] = queue.isEmpty ? nil : queue
        next.resume()
    }
}
