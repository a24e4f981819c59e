import BatonKit
import SegmentAPI

/// What a targeted sync reads once and shares between its named resources. A full sync learns
/// these while listing everything; a targeted sync reads only what the named resources need.
extension SyncLookups {
    /// Every source, warehouse, function and space, by kind and id, noted in the permission index
    /// so grants on them are built (a grant on a deleted resource is dropped, as in a full sync).
    /// One listing per kind, a few pages: far less than reading every principal.
    func scopedResources() async throws -> [ScopedResourceKind: [String: ScopedResourceItem]] {
        try await context.session.getOrCompute("segment:targeted:scoped-resources") { [self] in
            let index = try await permissions()
            var items: [ScopedResourceKind: [String: ScopedResourceItem]] = [:]
            for kind in ScopedResourceKind.allCases {
                var token = ""
                var byId: [String: ScopedResourceItem] = [:]
                repeat {
                    let page = try await ScopedResourceListing.page(kind, client: client, pageToken: token, context: context)
                    for item in page.items {
                        byId[item.id] = item
                        await index.noteResource(segmentType: kind.segmentType, id: item.id)
                    }
                    token = page.nextPageToken
                } while !token.isEmpty
                items[kind] = byId
            }
            return items
        }
    }

    /// One group with its permissions (recorded in the index), read once per sync; nil when gone.
    func group(_ id: String) async throws -> UserGroup? {
        let found: UserGroup? = try await context.session.getOrCompute("segment:targeted:group:\(id)") { [client] in
            do { return try await client.getUserGroup(id: id) } catch SegmentAPIError.notFound { return nil }
        }
        if let found {
            try await permissions().record(principalType: SegmentResourceTypes.group.id, id: found.id, permissions: found.permissions ?? [])
        }
        return found
    }

    /// Every pending invite's e-mail, read once per sync.
    func inviteEmails() async throws -> Set<String> {
        try await context.session.getOrCompute("segment:targeted:invites") { [self] in
            let emails = try await client.allInvites().collect()
            let index = try await permissions()
            for email in emails { await index.noteInvite(email) }
            return Set(emails)
        }
    }

    /// The groups each pending invitee belongs to, read once per sync: one listing per group,
    /// because Segment can only say which invitees a group has, not the other way round.
    func groupsByInvitee() async throws -> [String: [MinimalUserGroup]] {
        try await context.session.getOrCompute("segment:targeted:groups-by-invitee") { [self] in
            let groups = try await FeatureGate.collectingUnavailable(GroupSyncer.feature, context: context, client.allUserGroups())
            var byInvitee: [String: [MinimalUserGroup]] = [:]
            for group in groups {
                for email in try await client.allInvitesFromUserGroup(groupId: group.id).collect() {
                    byInvitee[email, default: []].append(MinimalUserGroup(id: group.id, name: group.name))
                }
            }
            return byInvitee
        }
    }

    /// Every user's and group's permissions, in the index: what a role, workspace or scoped
    /// resource needs to know who holds it. Segment has no "who holds this" call, so this costs
    /// what the principal part of a full sync costs; read once per sync.
    func allPrincipals() async throws -> AllPrincipals {
        try await context.session.getOrCompute("segment:targeted:all-principals") { [self] in
            _ = try await scopedResources()
            _ = try await inviteEmails()
            let index = try await permissions()
            let concurrency = 8
            let users = try await client.allUsers().collect().concurrentMap(limit: concurrency) { [client] listed in
                listed.permissions == nil ? try await client.getUser(id: listed.id) : listed
            }
            for user in users {
                await index.noteUser(user.id)
                await index.record(principalType: SegmentResourceTypes.user.id, id: user.id, permissions: user.permissions ?? [])
            }
            let userIds = users.map(\.id)
            let listedGroups = try await FeatureGate.collectingUnavailable(GroupSyncer.feature, context: context, client.allUserGroups())
            let groups = try await listedGroups.concurrentMap(limit: concurrency) { [client] group in
                group.permissions == nil ? try await client.getUserGroup(id: group.id) : group
            }
            for group in groups {
                await index.record(principalType: SegmentResourceTypes.group.id, id: group.id, permissions: group.permissions ?? [])
            }
            return AllPrincipals(userIds: userIds, groups: groups.map { MinimalUserGroup(id: $0.id, name: $0.name) })
        }
    }
}

/// Every principal of the workspace, as ids (their permissions are in the index).
struct AllPrincipals: Sendable {
    var userIds: [String]
    var groups: [MinimalUserGroup]
}
