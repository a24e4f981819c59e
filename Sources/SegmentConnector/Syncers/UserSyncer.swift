import BatonKit
import Foundation
import SegmentAPI
import SwiftProtobuf

/// Workspace members. Their permissions are read while they are listed (from the list when
/// Segment includes them, else one `GET /users/{id}` each, bounded), and their grants — workspace
/// membership and every direct permission — are listed from each user.
struct UserSyncer: ResourceSyncer {
    let client: SegmentClient
    let memo: WorkspaceMemo
    let locks: PrincipalLocks
    let concurrency: Int
    var resourceType: ResourceType { SegmentResourceTypes.user }

    func listResources(parent: ResourceId?, pageToken: String, context: SyncContext) async throws -> SyncPage<Resource> {
        guard let parent else { return .empty }
        let page = try await client.listUsers(cursor: pageToken.isEmpty ? nil : pageToken)
        let users = try await page.items.concurrentMap(limit: concurrency) { [client] user in
            user.permissions == nil ? try await client.getUser(id: user.id) : user
        }
        let index = try await SyncLookups(client: client, memo: memo, context: context).permissions()
        let workspace = try await SyncLookups(client: client, memo: memo, context: context).workspace()
        var resources: [Resource] = []
        resources.reserveCapacity(users.count)
        var facts: [(String, [UInt8])] = []
        for user in users {
            await index.noteUser(user.id)
            await index.record(principalType: resourceType.id, id: user.id, permissions: user.permissions ?? [])
            facts.append(try PersistedIndexFact.user(user.id, permissions: user.permissions ?? []))
            resources.append(Self.resource(user, parent: parent, workspaceSlug: workspace.slug))
        }
        try await PersistedIndexFact.persist(facts, context: context)
        return SyncPage(resources, nextPageToken: page.next ?? "")
    }

    func listEntitlements(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Entitlement> {
        .empty
    }

    func listGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        let lookups = SyncLookups(client: client, memo: memo, context: context)
        var grants: [Grant] = []
        if resource.hasParentResourceID {
            let workspace = WorkspaceSyncer.stub(id: resource.parentResourceID.resource)
            grants.append(Grant.make(entitlement: EntitlementCatalog.workspaceMember(workspace), principal: resource.id))
        }
        grants += try await PrincipalGrants.grants(for: resource, lookups: lookups)
        return SyncPage(grants)
    }

    static func resource(_ user: User, parent: ResourceId, workspaceSlug: String?) -> Resource {
        let email = user.email ?? ""
        let name = user.name?.trimmingCharacters(in: .whitespaces) ?? ""
        let (first, last) = Self.split(name)
        var trait = C1_Connector_V2_UserTrait()
        if !email.isEmpty {
            var address = C1_Connector_V2_UserTrait.Email()
            address.address = email
            address.isPrimary = true
            trait.emails = [address]
            trait.login = email
        }
        var status = C1_Connector_V2_UserTrait.Status()
        status.status = .enabled
        trait.status = status
        trait.accountType = .human
        trait.profile = Google_Protobuf_Struct(fields: [
            "first_name": Google_Protobuf_Value(stringValue: first),
            "last_name": Google_Protobuf_Value(stringValue: last),
            "login": Google_Protobuf_Value(stringValue: email),
            "email": Google_Protobuf_Value(stringValue: email),
            "user_id": Google_Protobuf_Value(stringValue: user.id),
        ])
        var structured = C1_Connector_V2_UserTrait.StructuredName()
        structured.givenName = first
        structured.familyName = last
        trait.structuredName = structured
        var annotations = [Annotation(trait)]
        if let workspaceSlug {
            var link = C1_Connector_V2_ExternalLink()
            link.url = "https://app.segment.com/\(workspaceSlug)/settings/access-management/users/\(user.id)"
            annotations.append(Annotation(link))
        }
        return Resource.make(
            id: ResourceId(SegmentResourceTypes.user.id, user.id),
            displayName: name.isEmpty ? (email.isEmpty ? user.id : email) : name,
            parent: parent, annotations: annotations)
    }

    /// "Zoë Ångström" → ("Zoë", "Ångström"); a single word is a first name.
    static func split(_ name: String) -> (String, String) {
        let parts = name.split(separator: " ", maxSplits: 1).map(String.init)
        return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
    }
}
