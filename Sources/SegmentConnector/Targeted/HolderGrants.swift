import BatonKit
import SegmentAPI

/// Who holds the entitlements of one role, source, warehouse, function or space: every user's
/// and group's grants on it, and the members of the groups among them (so expansion gives the
/// members what they inherit). Needs every principal's permissions (``SyncLookups/allPrincipals()``).
enum HolderGrants {
    static func grants(on resourceId: ResourceId, lookups: SyncLookups, concurrency: Int) async throws -> [Grant] {
        let principals = try await lookups.allPrincipals()
        var grants: [Grant] = []
        for userId in principals.userIds {
            let user = Resource.make(id: ResourceId(SegmentResourceTypes.user.id, userId), displayName: userId)
            grants += try await PrincipalGrants.grants(for: user, lookups: lookups).filter { $0.entitlement.resource.id == resourceId }
        }
        var holderGroups: [Resource] = []
        for group in principals.groups {
            let resource = Resource.make(id: ResourceId(SegmentResourceTypes.group.id, group.id), displayName: group.name ?? group.id)
            let member = EntitlementCatalog.groupMember(resource)
            let inherit = GrantExpandable.make(entitlementIds: [member.id], resourceTypeIds: [SegmentResourceTypes.user.id])
            let held = try await PrincipalGrants.grants(for: resource, lookups: lookups, expandable: inherit)
                .filter { $0.entitlement.resource.id == resourceId }
            if !held.isEmpty { holderGroups.append(resource) }
            grants += held
        }
        let index = try await lookups.permissions()
        let client = lookups.client
        let memberships = try await holderGroups.concurrentMap(limit: concurrency) { group -> [Grant] in
            let member = EntitlementCatalog.groupMember(group)
            var rows: [Grant] = []
            for user in try await client.allUsersFromUserGroup(groupId: group.id.resource).collect() where await index.userExists(user.id) {
                rows.append(Grant.make(entitlement: member, principal: ResourceId(SegmentResourceTypes.user.id, user.id)))
            }
            for email in try await client.allInvitesFromUserGroup(groupId: group.id.resource).collect()
            where await index.inviteExists(email) {
                rows.append(Grant.make(entitlement: member, principal: ResourceId(SegmentResourceTypes.invite.id, email)))
            }
            return rows
        }
        return grants + memberships.flatMap { $0 }
    }
}

/// A named source, warehouse, function or space: found in its kind's listing; its entitlements
/// depend on the roles held on it, and its grants are everyone holding them.
extension ScopedResourceSyncer: ResourceGetter, TargetedGrantLister {
    func getResource(id: ResourceId, parent: ResourceId?, context: SyncContext) async throws -> Resource? {
        let lookups = SyncLookups(client: client, memo: memo, context: context)
        guard let item = try await lookups.scopedResources()[kind]?[id.resource] else { return nil }
        _ = try await lookups.allPrincipals()
        let workspace = try await lookups.workspace()
        return Resource.make(
            id: ResourceId(resourceType.id, item.id), displayName: item.displayName,
            parent: ResourceId(SegmentResourceTypes.workspace.id, workspace.id), description: item.description)
    }

    func listTargetedGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        SyncPage(
            try await HolderGrants.grants(
                on: resource.id, lookups: SyncLookups(client: client, memo: memo, context: context), concurrency: 8))
    }
}

/// A named role: its entitlements depend on the label sets it is held with, and its grants are
/// everyone holding it.
extension RoleSyncer: ResourceGetter, TargetedGrantLister {
    func getResource(id: ResourceId, parent: ResourceId?, context: SyncContext) async throws -> Resource? {
        let lookups = SyncLookups(client: client, memo: memo, context: context)
        let roles = try await lookups.roles()
        guard let role = roles[id.resource] else { return nil }
        _ = try await lookups.allPrincipals()
        let workspace = try await lookups.workspace()
        return Self.resource(role, name: roles.name(of: role), parent: ResourceId(SegmentResourceTypes.workspace.id, workspace.id))
    }

    func listTargetedGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        SyncPage(
            try await HolderGrants.grants(
                on: resource.id, lookups: SyncLookups(client: client, memo: memo, context: context), concurrency: 8))
    }
}

/// The workspace itself: its one entitlement is held by every user.
extension WorkspaceSyncer: ResourceGetter, TargetedGrantLister {
    func getResource(id: ResourceId, parent: ResourceId?, context: SyncContext) async throws -> Resource? {
        let workspace = try await SyncLookups(client: client, memo: memo, context: context).workspace()
        return workspace.id == id.resource ? Self.resource(workspace) : nil
    }

    func listTargetedGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        let principals = try await SyncLookups(client: client, memo: memo, context: context).allPrincipals()
        let member = EntitlementCatalog.workspaceMember(WorkspaceSyncer.stub(id: resource.id.resource))
        return SyncPage(principals.userIds.map { Grant.make(entitlement: member, principal: ResourceId(SegmentResourceTypes.user.id, $0)) })
    }
}
