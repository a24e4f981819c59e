import BatonKit

/// `role:<id>:member` (the role on the WORKSPACE resource) and `role:<id>:member:labels:…`
/// (the same, scoped by labels), for users and groups.
extension RoleSyncer: GrantProvisioner, ProvisioningPlanner {
    private var provisioner: SegmentProvisioner { SegmentProvisioner(client: client, memo: memo) }

    func grant(principal: Resource, entitlement: Entitlement) async throws -> GrantResult {
        try await provisioner.grant(principal: principal, entitlement: entitlement, resourceType: resourceType.id)
    }

    func revoke(grant: Grant) async throws -> [Annotation] {
        try await provisioner.revoke(grant: grant, resourceType: resourceType.id)
    }

    func plan(_ operation: ProvisioningOperation) async throws -> [String] {
        try await provisioner.plan(operation, resourceType: resourceType.id)
    }
}
