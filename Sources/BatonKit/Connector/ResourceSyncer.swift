/// Everything the sync engine asks of a connector about one resource type.
///
/// The engine calls `listResources(parent: nil, ...)` once per type, then once per parent
/// resource that names this type in a `ChildResourceType` annotation; then `listEntitlements`
/// and `listGrants` for every resource of the type (unless the type carries `SkipEntitlements`,
/// `SkipGrants` or `SkipEntitlementsAndGrants`). Calls for different resources run
/// concurrently, so a syncer must be safe to call from several tasks.
public protocol ResourceSyncer: Sendable {
    /// The type this syncer handles; its `traits` decide which trait each resource must carry.
    var resourceType: ResourceType { get }

    /// Resources of this type under `parent` (nil = top level). A child-only type answers the
    /// top-level call with an empty page. Children must set their own `parentResourceID`.
    func listResources(parent: ResourceId?, pageToken: String, context: SyncContext) async throws -> SyncPage<Resource>

    /// The entitlements offered by `resource`.
    func listEntitlements(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Entitlement>

    /// Grants found while looking at `resource`. They may be on other resources' entitlements
    /// (e.g. a user's role grants); grants are keyed by id, so a repeat replaces the earlier one.
    func listGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant>
}
