import BatonStore

/// Where the engine writes a sync. Implementations must upsert by id (last write wins: a grant
/// or resource seen twice is stored once) and be safe to call from concurrent tasks.
///
/// The engine streams pages straight into the store and, for grant expansion, reads grants back
/// one entitlement at a time, so an implementation backed by a file never needs all grants in memory.
public protocol SyncStore: Sendable {
    /// Begins a sync run of this type and returns its id (a KSUID).
    func startSync(type: SyncType) async throws -> String
    /// Begins a sync run, or carries on the unfinished one the store holds when `resume` accepts
    /// it (then ``StartedSync/checkpoint`` is that run's last checkpoint).
    func startSync(type: SyncType, resume: @escaping @Sendable (UnfinishedSync) -> ResumeDecision) async throws -> StartedSync
    /// Records the engine's progress; committed together with every row written before it.
    func checkpoint(_ token: String) async throws
    /// Upserts resource types into this run, keyed by type id.
    func putResourceTypes(_ resourceTypes: [ResourceType]) async throws
    /// Upserts resources into this run, keyed by `<type>:<id>`.
    func putResources(_ resources: [Resource]) async throws
    /// Upserts entitlements into this run, keyed by entitlement id.
    func putEntitlements(_ entitlements: [Entitlement]) async throws
    /// Upserts grants into this run, keyed by grant id (expansion writes a grant again to add sources).
    func putGrants(_ grants: [Grant]) async throws
    /// Upserts the grants of `destination` that expansion created (``Grant/inherited(destination:principal:sources:)``
    /// for each), keyed by grant id. The default builds the messages and calls ``putGrants(_:)``;
    /// a store may encode them without building messages.
    func putInheritedGrants(_ grants: [InheritedGrant], of destination: Entitlement) async throws
    /// Stores connector session values of this run (see ``PersistedSession``).
    func putSessionValues(_ values: [String: [UInt8]]) async throws
    /// The session values of this run whose key starts with `prefix`.
    func sessionValues(prefix: String) async throws -> [String: [UInt8]]
    /// Every stored resource of this run, in the order each was first written.
    func storedResources() async throws -> [StoredResource]
    /// One page of this run's stored resources, in the order each was first written, starting
    /// after `cursor` (0 = the first page; otherwise a `next` this method returned); `next` is
    /// nil on the last page. The engine's entitlement and grant steps read resources back this
    /// way instead of keeping them all. The default pages through ``storedResources()``.
    func storedResources(after cursor: Int64, limit: Int) async throws -> (resources: [StoredResource], next: Int64?)
    /// Every stored grant of this run carrying `GrantExpandable`.
    func expandableGrants() async throws -> [Grant]
    /// The stored entitlements among `ids` (missing ids are simply absent from the result).
    func entitlements(ids: [String]) async throws -> [String: Entitlement]
    /// Every stored grant whose entitlement id is `entitlementId`.
    func grants(entitlementId: String) async throws -> [Grant]
    /// The principal of every stored grant of `entitlementId` (ids only: expansion's fast path
    /// needs no grant bodies). Order is unspecified; a principal may repeat if it holds two grants.
    func grantPrincipals(entitlementId: String) async throws -> [ResourceId]
    /// The stored grant of `entitlementId` to `principal` (the last written if several), if any.
    func grant(entitlementId: String, principal: ResourceId) async throws -> Grant?
    /// How many distinct grants this run holds (the engine counts through the store, so its own
    /// memory does not grow with the number of grants).
    func grantCount() async throws -> Int
    /// How many distinct entitlements this run holds.
    func entitlementCount() async throws -> Int
    /// Marks the run finished (sets `ended_at`) and makes it durable.
    func finishSync() async throws
    /// Gives up on the run after an error: a file-backed store leaves its destination untouched
    /// and removes its working copy.
    func abortSync() async
    /// Stops the run because the sync was cancelled (a shutdown): a store that can resume keeps
    /// what it holds with its last checkpoint for the next sync of the same destination.
    func suspendSync() async
}

extension SyncStore {
    /// A store that cannot resume gives up, as after an error.
    public func suspendSync() async { await abortSync() }

    /// Builds each inherited grant's message and upserts them with ``putGrants(_:)``.
    public func putInheritedGrants(_ grants: [InheritedGrant], of destination: Entitlement) async throws {
        try await putGrants(grants.map { Grant.inherited(destination: destination, principal: $0.principal, sources: $0.sources) })
    }

    /// Pages through the whole list (`cursor` is a position in it): right for a store that holds
    /// little; a store backed by a file reads just the page.
    public func storedResources(after cursor: Int64, limit: Int) async throws -> (resources: [StoredResource], next: Int64?) {
        let all = try await storedResources()
        let start = min(max(0, Int(cursor)), all.count)
        let end = min(start + max(1, limit), all.count)
        return (Array(all[start..<end]), end < all.count ? Int64(end) : nil)
    }
}

/// A grant that expansion creates: its entitlement given to `principal` through the `sources`
/// entitlements (the principal holds each of them).
public struct InheritedGrant: Sendable, Equatable {
    /// Who holds the grant.
    public let principal: ResourceId
    /// The entitlements it comes through, in the order expansion reached them.
    public let sources: [String]

    /// The grant given to `principal` through `sources`.
    public init(principal: ResourceId, sources: [String]) {
        self.principal = principal
        self.sources = sources
    }
}

/// A run the store began or resumed.
public struct StartedSync: Sendable, Equatable {
    /// The run's id (a KSUID), the `sync_id` of every row it writes.
    public let syncId: String
    /// The resumed run's last checkpoint; nil for a new run.
    public let checkpoint: String?

    /// A run `syncId`, resumed at `checkpoint` or new when it is nil.
    public init(syncId: String, checkpoint: String?) {
        self.syncId = syncId
        self.checkpoint = checkpoint
    }
}

/// A stored resource in its wire form, as ``SyncStore/storedResources()`` returns it.
public struct StoredResource: Sendable {
    /// `<type>:<id>`.
    public let key: String
    /// The resource type id, for the engine's per-type counts and syncer lookup.
    public let typeId: String
    /// The `Resource` message's protobuf encoding, decoded only when needed to keep memory small.
    public let bytes: [UInt8]

    /// A stored resource from its key, type id and encoded message.
    public init(key: String, typeId: String, bytes: [UInt8]) {
        self.key = key
        self.typeId = typeId
        self.bytes = bytes
    }
}
