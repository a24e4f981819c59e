/// Where the engine writes a sync. Implementations must upsert by id (last write wins: a grant
/// or resource seen twice is stored once) and be safe to call from concurrent tasks.
///
/// The engine streams pages straight into the store and, for grant expansion, reads grants back
/// one entitlement at a time, so an implementation backed by a file never needs all grants in memory.
public protocol SyncStore: Sendable {
    /// Begins a sync run of this type and returns its id (a KSUID, §1.4).
    func startSync(type: SyncType) async throws -> String
    func putResourceTypes(_ resourceTypes: [ResourceType]) async throws
    func putResources(_ resources: [Resource]) async throws
    func putEntitlements(_ entitlements: [Entitlement]) async throws
    func putGrants(_ grants: [Grant]) async throws
    /// One page of this run's stored resources, in the order each was first stored, starting
    /// after `cursor` (0 = the first page); `next` is nil on the last page. The engine's
    /// entitlement and grant steps read resources back this way instead of keeping them all.
    func resources(after cursor: Int64, limit: Int) async throws -> (resources: [Resource], next: Int64?)
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
    /// Marks the run finished (sets `ended_at`) and makes it durable.
    func finishSync() async throws
    /// Gives up on the run after an error: a file-backed store leaves its destination untouched.
    func abortSync() async
}
