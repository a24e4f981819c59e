import BatonKit
import SegmentAPI
import SwiftProtobuf

/// Segment's built-in roles (read once per sync). Entitlements: `member` for the role held
/// across the workspace, and one per label set the role is held with.
struct RoleSyncer: ResourceSyncer {
    let client: SegmentClient
    let memo: WorkspaceMemo
    let locks: PrincipalLocks
    var resourceType: ResourceType { SegmentResourceTypes.role }

    func listResources(parent: ResourceId?, pageToken: String, context: SyncContext) async throws -> SyncPage<Resource> {
        guard let parent else { return .empty }
        let roles = try await SyncLookups(client: client, memo: memo, context: context).roles()
        return SyncPage(roles.all.map { Self.resource($0, name: roles.name(of: $0), parent: parent) })
    }

    func listEntitlements(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Entitlement> {
        let index = try await SyncLookups(client: client, memo: memo, context: context).permissions()
        var entitlements = [EntitlementCatalog.roleMember(resource)]
        for labels in await index.labelSets(roleId: resource.id.resource) {
            entitlements.append(EntitlementCatalog.labelScopedRoleMember(resource, labels: labels))
        }
        return SyncPage(entitlements)
    }

    /// Role grants are listed from the users and groups holding them.
    func listGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        .empty
    }

    static func resource(_ role: Role, name: String, parent: ResourceId?) -> Resource {
        var trait = C1_Connector_V2_RoleTrait()
        trait.profile = Google_Protobuf_Struct(fields: [
            "role_id": Google_Protobuf_Value(stringValue: role.id),
            "role_name": Google_Protobuf_Value(stringValue: name),
            "role_description": Google_Protobuf_Value(stringValue: role.description ?? ""),
        ])
        return Resource.make(
            id: ResourceId(SegmentResourceTypes.role.id, role.id), displayName: name, parent: parent,
            description: role.description ?? "", annotations: [Annotation(trait)])
    }
}
