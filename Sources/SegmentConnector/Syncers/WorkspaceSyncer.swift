import BatonKit
import SegmentAPI

/// The workspace: the root resource, parent of every other type; entitlement `member`.
struct WorkspaceSyncer: ResourceSyncer {
    let client: SegmentClient
    let memo: WorkspaceMemo
    let locks: PrincipalLocks
    var resourceType: ResourceType { SegmentResourceTypes.workspace }

    func listResources(parent: ResourceId?, pageToken: String, context: SyncContext) async throws -> SyncPage<Resource> {
        guard parent == nil else { return .empty }
        let workspace = try await SyncLookups(client: client, memo: memo, context: context).workspace()
        return SyncPage([Self.resource(workspace)])
    }

    func listEntitlements(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Entitlement> {
        SyncPage([EntitlementCatalog.workspaceMember(resource)])
    }

    /// Membership grants come from each user's listing, where the user is at hand.
    func listGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        .empty
    }

    static func resource(_ workspace: Workspace) -> Resource {
        var annotations = SegmentResourceTypes.workspaceChildren.map { Annotation.childResourceType($0.id) }
        if let slug = workspace.slug {
            var link = C1_Connector_V2_ExternalLink()
            link.url = "https://app.segment.com/\(slug)"
            annotations.append(Annotation(link))
        }
        return Resource.make(
            id: ResourceId(SegmentResourceTypes.workspace.id, workspace.id),
            displayName: workspace.name ?? workspace.slug ?? workspace.id,
            description: "Segment workspace \(workspace.slug ?? workspace.id)",
            annotations: annotations)
    }

    /// A stand-in for the workspace resource known only by id (enough for grant rows).
    static func stub(id: String) -> Resource {
        Resource.make(id: ResourceId(SegmentResourceTypes.workspace.id, id), displayName: id)
    }
}
