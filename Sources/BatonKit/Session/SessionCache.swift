/// A per-sync key/value cache a connector uses to avoid fetching the same thing twice
/// (for example the role catalogue, read once and used by every resource's grants).
///
/// Values are any `Sendable` type, keyed by string. ``getOrCompute(_:as:_:)`` runs the
/// computation once per key even when many tasks ask at the same moment: later callers
/// await the first caller's result. A failed computation is forgotten so the next caller retries.
public actor SessionCache {
    private enum Entry {
        case value(any Sendable)
        case pending(id: Int, Task<any Sendable, any Error>)
    }

    private var entries: [String: Entry] = [:]
    private var nextPendingId = 0

    /// An empty cache (the engine makes one per sync).
    public init() {}

    /// The value stored under `key`, or nil when absent, still being computed, or of another type.
    public func get<T: Sendable>(_ key: String, as type: T.Type = T.self) -> T? {
        if case .value(let stored)? = entries[key] { return stored as? T }
        return nil
    }

    /// Stores `value` under `key`, replacing whatever was there.
    public func set<T: Sendable>(_ key: String, _ value: T) {
        entries[key] = .value(value)
    }

    /// Removes the value under `key`.
    public func remove(_ key: String) {
        entries[key] = nil
    }

    /// Removes every value.
    public func removeAll() {
        entries.removeAll()
    }

    /// Returns the value under `key`, computing and storing it first if absent.
    /// Concurrent callers for the same key share a single run of `compute`.
    public func getOrCompute<T: Sendable>(
        _ key: String,
        as type: T.Type = T.self,
        _ compute: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        switch entries[key] {
        case .value(let stored)?:
            return try cast(stored, key: key)
        case .pending(_, let task)?:
            return try cast(await task.value, key: key)
        case nil:
            nextPendingId += 1
            let id = nextPendingId
            let task = Task<any Sendable, any Error> { try await compute() }
            entries[key] = .pending(id: id, task)
            do {
                let value = try await task.value
                if case .pending(id, _)? = entries[key] { entries[key] = .value(value) }
                return try cast(value, key: key)
            } catch {
                if case .pending(id, _)? = entries[key] { entries[key] = nil }
                throw error
            }
        }
    }

    private func cast<T>(_ value: any Sendable, key: String) throws -> T {
        guard let typed = value as? T else {
            throw BatonError.internal("session cache key \(key) holds \(Swift.type(of: value)), not \(T.self)")
        }
        return typed
    }
}
