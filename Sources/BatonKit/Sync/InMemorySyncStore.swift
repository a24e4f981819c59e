import BatonStore

/// A ``SyncStore`` that keeps everything in memory: for tests, `--dry-run`, and as a lookup
/// for one-shot provisioning in tests. Insertion order is kept; a repeated id replaces in place.
package actor InMemorySyncStore: SyncStore {
    package private(set) var syncId: String?
    package private(set) var syncType: SyncType?
    package private(set) var finished = false
    package private(set) var aborted = false
    package private(set) var resourceTypes = OrderedTable<ResourceType>()
    package private(set) var resources = OrderedTable<Resource>()
    package private(set) var entitlements = OrderedTable<Entitlement>()
    package private(set) var grants = OrderedTable<Grant>()
    private var grantIdsByEntitlement: [String: [String]] = [:]
    /// The last checkpoint the engine wrote (an in-memory run never resumes).
    package private(set) var lastCheckpoint: String?
    /// Every checkpoint the engine wrote, oldest first.
    package private(set) var checkpoints: [String] = []
    package private(set) var sessionValues: [String: [UInt8]] = [:]

    package init() {}

    package func startSync(type: SyncType) -> String {
        let id = SyncID.make()
        syncId = id
        syncType = type
        return id
    }

    package func startSync(type: SyncType, resume: @escaping @Sendable (UnfinishedSync) -> ResumeDecision) -> StartedSync {
        StartedSync(syncId: startSync(type: type), checkpoint: nil)
    }

    package func checkpoint(_ token: String) {
        lastCheckpoint = token
        checkpoints.append(token)
    }

    package func putSessionValues(_ values: [String: [UInt8]]) {
        sessionValues.merge(values) { $1 }
    }

    package func sessionValues(prefix: String) -> [String: [UInt8]] {
        sessionValues.filter { $0.key.hasPrefix(prefix) }
    }

    package func storedResources() throws -> [StoredResource] {
        try resources.values.map(Self.stored)
    }

    /// The cursor is a position in insertion order; only the page's resources are encoded.
    package func storedResources(after cursor: Int64, limit: Int) throws -> (resources: [StoredResource], next: Int64?) {
        let start = min(max(0, Int(cursor)), resources.count)
        let end = min(start + max(1, limit), resources.count)
        return (try resources.values[start..<end].map(Self.stored), end < resources.count ? Int64(end) : nil)
    }

    private static func stored(_ resource: Resource) throws -> StoredResource {
        StoredResource(key: resource.id.key, typeId: resource.id.resourceType, bytes: try resource.serializedBytes())
    }

    package func expandableGrants() -> [Grant] {
        grants.values.filter { $0.expandable != nil }
    }

    package func entitlementCount() -> Int { entitlements.count }

    package func putResourceTypes(_ items: [ResourceType]) {
        for item in items { resourceTypes.upsert(item, key: item.id) }
    }

    package func putResources(_ items: [Resource]) {
        for item in items { resources.upsert(item, key: item.id.key) }
    }

    package func putEntitlements(_ items: [Entitlement]) {
        for item in items { entitlements.upsert(item, key: item.id) }
    }

    package func putGrants(_ items: [Grant]) {
        for item in items {
            if let previous = grants[item.id], previous.entitlement.id != item.entitlement.id {
                grantIdsByEntitlement[previous.entitlement.id]?.removeAll { $0 == item.id }
            }
            if grants[item.id]?.entitlement.id != item.entitlement.id {
                grantIdsByEntitlement[item.entitlement.id, default: []].append(item.id)
            }
            grants.upsert(item, key: item.id)
        }
    }

    package func entitlements(ids: [String]) -> [String: Entitlement] {
        var found: [String: Entitlement] = [:]
        for id in ids { if let value = entitlements[id] { found[id] = value } }
        return found
    }

    package func grants(entitlementId: String) -> [Grant] {
        (grantIdsByEntitlement[entitlementId] ?? []).compactMap { grants[$0] }
    }

    package func grantPrincipals(entitlementId: String) -> [ResourceId] {
        grants(entitlementId: entitlementId).map(\.principal.id)
    }

    package func grant(entitlementId: String, principal: ResourceId) -> Grant? {
        // Grants are conventionally keyed `<entitlement>:<principal>`; scan only when that misses.
        if let grant = grants[Grant.id(entitlementId: entitlementId, principal: principal)],
            grant.entitlement.id == entitlementId, grant.principal.id == principal
        {
            return grant
        }
        return grants(entitlementId: entitlementId).last { $0.principal.id == principal }
    }

    package func grantCount() -> Int { grants.count }

    package func finishSync() {
        finished = true
    }

    package func abortSync() {
        aborted = true
    }

    // Lookups for tests and one-shot provisioning.
    package func resource(_ id: ResourceId) -> Resource? { resources[id.key] }
    package func entitlement(_ id: String) -> Entitlement? { entitlements[id] }
    package func grant(_ id: String) -> Grant? { grants[id] }
}

/// Values keyed by a string id, in first-insertion order; upsert replaces in place.
package struct OrderedTable<Value: Sendable>: Sendable {
    private var index: [String: Int] = [:]
    package private(set) var values: [Value] = []
    package init() {}

    package subscript(key: String) -> Value? { index[key].map { values[$0] } }
    package var count: Int { values.count }
    package var keys: [String] { index.sorted { $0.value < $1.value }.map(\.key) }

    mutating func upsert(_ value: Value, key: String) {
        if let position = index[key] {
            values[position] = value
        } else {
            index[key] = values.count
            values.append(value)
        }
    }
}
