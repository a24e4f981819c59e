import BatonKit

/// `group:<id>:member` for users and pending invitees (by e-mail), and groups themselves:
/// created by name, deleted by id.
extension GroupSyncer: SegmentGrantProvisioning, ResourceCreator, ResourceDeleter {
    func createResource(_ resource: Resource) async throws -> CreateResourceResponse {
        try await provisioner.createGroup(resource)
    }

    func delete(resourceId: ResourceId) async throws -> [Annotation] {
        try await provisioner.deleteGroup(resourceId)
    }
}
