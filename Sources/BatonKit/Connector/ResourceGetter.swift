/// Optional on a ``ResourceSyncer``: reads one resource by id, for targeted syncs
/// (`--sync-resources`, a `sync_full` task's `targeted_sync_resources`; capability
/// `CAPABILITY_TARGETED_SYNC`).
public protocol ResourceGetter: Sendable {
    /// The resource exactly as a full sync writes it, or nil when it no longer exists upstream.
    func getResource(id: ResourceId, parent: ResourceId?, context: SyncContext) async throws -> Resource?
}

/// Optional on a ``ResourceSyncer`` whose full-sync `listGrants` does not by itself give every
/// grant about a resource (a full sync may list a user's group memberships from the groups).
/// In a targeted sync the engine calls this instead of `listGrants`.
public protocol TargetedGrantLister: Sendable {
    /// Every grant a full sync writes whose entitlement is on `resource` or whose principal is
    /// `resource`, plus the grants grant expansion needs to derive the ones reaching `resource`
    /// (e.g. the permissions of the groups a user belongs to, with their `GrantExpandable`).
    func listTargetedGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant>
}
