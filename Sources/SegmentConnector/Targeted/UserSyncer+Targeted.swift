import BatonKit
import SegmentAPI

/// A named user: `GET /users/{id}`; their grants are workspace membership, their direct
/// permissions, their group memberships (`GET /users/{id}/groups`), and the permissions of those
/// groups (`GET /groups/{id}` each), so expansion gives them what they inherit.
extension UserSyncer: ResourceGetter, TargetedGrantLister {
    func getResource(id: ResourceId, parent: ResourceId?, context: SyncContext) async throws -> Resource? {
        let lookups = SyncLookups(client: client, memo: memo, context: context)
        let user: User
        do { user = try await client.getUser(id: id.resource) } catch SegmentAPIError.notFound { return nil }
        let index = try await lookups.permissions()
        await index.noteUser(user.id)
        await index.record(principalType: resourceType.id, id: user.id, permissions: user.permissions ?? [])
        let workspace = try await lookups.workspace()
        return Self.resource(user, parent: ResourceId(SegmentResourceTypes.workspace.id, workspace.id), workspaceSlug: workspace.slug)
    }

    func listTargetedGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        let lookups = SyncLookups(client: client, memo: memo, context: context)
        _ = try await lookups.scopedResources()
        var grants = try await listGrants(resource: resource, pageToken: pageToken, context: context).items
        let groups = try await FeatureGate.collectingUnavailable(
            GroupSyncer.feature, context: context,
            client.allUserGroupsFromUser(userId: resource.id.resource))
        for listed in groups {
            guard let group = try await lookups.group(listed.id) else { continue }
            let groupResource = GroupSyncer.resource(group, parent: nil)
            let member = EntitlementCatalog.groupMember(GroupSyncer.stub(groupResource))
            grants.append(Grant.make(entitlement: member, principal: resource.id))
            let inherit = GrantExpandable.make(entitlementIds: [member.id], resourceTypeIds: [SegmentResourceTypes.user.id])
            grants += try await PrincipalGrants.grants(for: groupResource, lookups: lookups, expandable: inherit)
        }
        return SyncPage(grants)
    }
}

/// A named group: `GET /groups/{id}`; its grants are its members (users and invitees, as the
/// group lists them) and its own permissions, with `GrantExpandable`, as in a full sync.
extension GroupSyncer: ResourceGetter, TargetedGrantLister {
    func getResource(id: ResourceId, parent: ResourceId?, context: SyncContext) async throws -> Resource? {
        let lookups = SyncLookups(client: client, memo: memo, context: context)
        let group = try await FeatureGate.skippingUnavailable(Self.feature, context: context, firstPage: true, fallback: UserGroup?.none) {
            try await lookups.group(id.resource)
        }
        guard let group else { return nil }
        let workspace = try await lookups.workspace()
        return Self.resource(group, parent: ResourceId(SegmentResourceTypes.workspace.id, workspace.id))
    }

    func listTargetedGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        _ = try await SyncLookups(client: client, memo: memo, context: context).scopedResources()
        return try await grants(of: resource, pageToken: pageToken, context: context, onlyListedMembers: false)
    }
}

/// A named invite: found in `GET /invites`; its grants are the groups it is a pending member of,
/// which Segment only tells group by group (one request per group, once per sync).
extension InviteSyncer: ResourceGetter, TargetedGrantLister {
    func getResource(id: ResourceId, parent: ResourceId?, context: SyncContext) async throws -> Resource? {
        let lookups = SyncLookups(client: client, memo: memo, context: context)
        guard try await lookups.inviteEmails().contains(id.resource) else { return nil }
        let workspace = try await lookups.workspace()
        return Self.resource(email: id.resource, parent: ResourceId(SegmentResourceTypes.workspace.id, workspace.id))
    }

    func listTargetedGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        let groups = try await SyncLookups(client: client, memo: memo, context: context).groupsByInvitee()[resource.id.resource] ?? []
        return SyncPage(
            groups.map { group in
                let stub = Resource.make(id: ResourceId(SegmentResourceTypes.group.id, group.id), displayName: group.name ?? group.id)
                return Grant.make(entitlement: EntitlementCatalog.groupMember(stub), principal: resource.id)
            })
    }
}
