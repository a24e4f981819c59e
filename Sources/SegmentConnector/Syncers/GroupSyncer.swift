import BatonKit
import SegmentAPI
import SwiftProtobuf

/// User groups (Business plan). Entitlement `member`; grants: one per member (users, then
/// pending invitees, page by page) and the group's own permissions, each carrying
/// `GrantExpandable` so members inherit them.
struct GroupSyncer: ResourceSyncer {
    let client: SegmentClient
    let memo: WorkspaceMemo
    let locks: PrincipalLocks
    let concurrency: Int
    var resourceType: ResourceType { SegmentResourceTypes.group }
    static let feature = "user groups"

    func listResources(parent: ResourceId?, pageToken: String, context: SyncContext) async throws -> SyncPage<Resource> {
        guard let parent else { return .empty }
        let page = try await FeatureGate.skippingUnavailable(
            Self.feature, context: context, firstPage: pageToken.isEmpty, fallback: Page<UserGroup>(items: [], next: nil)
        ) {
            try await client.listUserGroups(cursor: pageToken.isEmpty ? nil : pageToken)
        }
        let groups = try await page.items.concurrentMap(limit: concurrency) { [client] group in
            group.permissions == nil ? try await client.getUserGroup(id: group.id) : group
        }
        let index = try await SyncLookups(client: client, memo: memo, context: context).permissions()
        var resources: [Resource] = []
        var facts: [(String, [UInt8])] = []
        for group in groups {
            await index.record(principalType: resourceType.id, id: group.id, permissions: group.permissions ?? [])
            facts.append(try PersistedIndexFact.group(group.id, permissions: group.permissions ?? []))
            resources.append(Self.resource(group, parent: parent))
        }
        try await PersistedIndexFact.persist(facts, context: context)
        return SyncPage(resources, nextPageToken: page.next ?? "")
    }

    func listEntitlements(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Entitlement> {
        SyncPage([EntitlementCatalog.groupMember(resource)])
    }

    /// Phase 0: member users; phase 1: member invitees. The group's permissions ride on the first page.
    func listGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        try await grants(of: resource, pageToken: pageToken, context: context, onlyListedMembers: true)
    }

    /// The group's grants; with `onlyListedMembers`, members this sync did not list as users or
    /// invites are left out (a targeted sync lists no users, so it trusts the group's list).
    func grants(of resource: Resource, pageToken: String, context: SyncContext, onlyListedMembers: Bool) async throws -> SyncPage<Grant> {
        let token = try PhasedPageToken(pageToken)
        let lookups = SyncLookups(client: client, memo: memo, context: context)
        // Grants name the group by id (as user and permission grants do): repeating the group's
        // trait in every membership row costs an encode per member and bloats the c1z.
        let member = EntitlementCatalog.groupMember(Self.stub(resource))
        var grants: [Grant] = []
        if pageToken.isEmpty {
            let inherit = GrantExpandable.make(entitlementIds: [member.id], resourceTypeIds: [SegmentResourceTypes.user.id])
            grants += try await PrincipalGrants.grants(for: resource, lookups: lookups, expandable: inherit)
        }
        let index = try await lookups.permissions()
        switch token.phase {
        case 0:
            let page = try await client.listUsersFromUserGroup(groupId: resource.id.resource, cursor: token.cursor)
            for user in page.items {
                if onlyListedMembers, await !index.userExists(user.id) { continue }
                grants.append(Grant.make(entitlement: member, principal: ResourceId(SegmentResourceTypes.user.id, user.id)))
            }
            return SyncPage(grants, nextPageToken: PhasedPageToken.after(phase: 0, next: page.next, phases: 2))
        case 1:
            let page = try await client.listInvitesFromUserGroup(groupId: resource.id.resource, cursor: token.cursor)
            for email in page.items {
                if onlyListedMembers, await !index.inviteExists(email) { continue }
                grants.append(Grant.make(entitlement: member, principal: ResourceId(SegmentResourceTypes.invite.id, email)))
            }
            return SyncPage(grants, nextPageToken: PhasedPageToken.after(phase: 1, next: page.next, phases: 2))
        default:
            throw SegmentConnectorError.badPageToken(pageToken)
        }
    }

    /// The group known by id and name only (enough for grant rows).
    static func stub(_ group: Resource) -> Resource {
        Resource.make(id: group.id, displayName: group.displayName)
    }

    static func resource(_ group: UserGroup, parent: ResourceId?) -> Resource {
        let name = group.name ?? group.id
        var trait = C1_Connector_V2_GroupTrait()
        var profile: [String: Google_Protobuf_Value] = [
            "group_id": Google_Protobuf_Value(stringValue: group.id),
            "group_name": Google_Protobuf_Value(stringValue: name),
        ]
        if let count = group.memberCount { profile["member_count"] = Google_Protobuf_Value(numberValue: count) }
        trait.profile = Google_Protobuf_Struct(fields: profile)
        trait.groupSourceType = "native"
        return Resource.make(
            id: ResourceId(SegmentResourceTypes.group.id, group.id), displayName: name, parent: parent,
            description: "Segment user group \(name)", annotations: [Annotation(trait)])
    }
}
