import BatonKit
import SegmentAPI

/// Grants held through a principal's own permissions, shared by users and groups.
enum PrincipalGrants {
    /// One grant per permission tuple the principal holds (deduplicated by grant id), skipping
    /// tuples that point at roles or resources this sync does not have. A group's grants carry
    /// `GrantExpandable` from its `member` entitlement, so its members inherit them.
    static func grants(for principal: Resource, lookups: SyncLookups, expandable: GrantExpandable? = nil) async throws -> [Grant] {
        let index = try await lookups.permissions()
        guard let tuples = await index.tuples(principalType: principal.id.resourceType, id: principal.id.resource),
            !tuples.isEmpty
        else { return [] }
        let roles = try await lookups.roles()
        var seen = Set<String>()
        var grants: [Grant] = []
        var dangling = 0
        for tuple in tuples {
            guard let entitlement = await EntitlementCatalog.entitlement(for: tuple, roles: roles, index: index) else {
                dangling += 1
                continue
            }
            let grant = Grant.make(entitlement: entitlement, principal: principal.id, expandable: expandable)
            if seen.insert(grant.id).inserted { grants.append(grant) }
        }
        if dangling > 0 {
            lookups.context.logger.debug(
                "permissions on roles or resources that no longer exist were not synced",
                metadata: [
                    "principal": .string(principal.id.key), "count": .stringConvertible(dangling),
                ])
        }
        return grants
    }
}
