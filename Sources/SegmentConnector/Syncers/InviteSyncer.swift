import BatonKit
import SegmentAPI

/// Pending invitations, keyed by e-mail. `GET /invites` gives bare e-mails: no id, no
/// permissions, so invites hold no grants of their own (a group may list them as members).
struct InviteSyncer: ResourceSyncer {
    let client: SegmentClient
    let memo: WorkspaceMemo
    let locks: PrincipalLocks
    var resourceType: ResourceType { SegmentResourceTypes.invite }

    func listResources(parent: ResourceId?, pageToken: String, context: SyncContext) async throws -> SyncPage<Resource> {
        guard let parent else { return .empty }
        let page = try await client.listInvites(cursor: pageToken.isEmpty ? nil : pageToken)
        let index = try await SyncLookups(client: client, memo: memo, context: context).permissions()
        var resources: [Resource] = []
        for email in page.items {
            await index.noteInvite(email)
            resources.append(Self.resource(email: email, parent: parent))
        }
        try await PersistedIndexFact.persist(page.items.map(PersistedIndexFact.invite), context: context)
        return SyncPage(resources, nextPageToken: page.next ?? "")
    }

    func listEntitlements(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Entitlement> {
        .empty
    }

    func listGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        .empty
    }

    static func resource(email: String, parent: ResourceId?) -> Resource {
        Resource.make(
            id: ResourceId(SegmentResourceTypes.invite.id, email),
            displayName: "\(email) (pending invitation)",
            parent: parent,
            description: "Invitation to \(email) to join the workspace, not yet accepted")
    }
}
