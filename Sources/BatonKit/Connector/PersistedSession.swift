/// Key/value data a connector keeps with the sync being written (in the c1z working copy's
/// `v1_connector_sessions`, as the SDK's session store), so that a sync resumed after a crash
/// sees what the interrupted process learned. Write a page's values before returning the page:
/// the engine's next checkpoint then covers them. A finished file holds none of them.
public struct PersistedSession: Sendable {
    let store: (any SyncStore)?

    /// Backed by the sync's store; with nil, `put` keeps nothing and `values` finds nothing.
    public init(store: (any SyncStore)?) {
        self.store = store
    }

    /// Stores values (a key written again is replaced).
    public func put(_ values: [String: [UInt8]]) async throws {
        guard let store, !values.isEmpty else { return }
        try await store.putSessionValues(values)
    }

    /// Every value whose key starts with `prefix` (none in a sync that did not resume, unless
    /// this sync wrote them).
    public func values(prefix: String) async throws -> [String: [UInt8]] {
        guard let store else { return [:] }
        return try await store.sessionValues(prefix: prefix)
    }
}
