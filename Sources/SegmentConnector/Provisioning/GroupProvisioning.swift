import BatonKit

/// `group:<id>:member` for users and pending invitees (by e-mail), and groups themselves:
/// created by name, deleted by id.
extension GroupSyncer: GrantProvisioner, ResourceCreator, ResourceDeleter, ProvisioningPlanner {
    private var provisioner: SegmentProvisioner { SegmentProvisioner(client: client, memo: memo) }

    func grant(principal: Resource, entitlement: Entitlement) async throws -> GrantResult {
        try await provisioner.grant(principal: principal, entitlement: entitlement, resourceType: resourceType.id)
    }

    func revoke(grant: Grant) async throws -> [Annotation] {
        try await provisioner.revoke(grant: grant, resourceType: resourceType.id)
    }

    func createResource(_ resource: Resource) async throws -> CreateResourceResponse {
        try await provisioner.createGroup(resource)
    }

    func delete(resourceId: ResourceId) async throws -> [Annotation] {
        try await provisioner.deleteGroup(resourceId)
    }

    func plan(_ operation: ProvisioningOperation) async throws -> [String] {
        try await provisioner.plan(operation, resourceType: resourceType.id)
    }
}
