import BatonKit

/// `workspace:<id>:member`: a present user already holds it (granting is GrantAlreadyExists;
/// new members come by invitation); revoking it removes the user from the workspace.
extension WorkspaceSyncer: GrantProvisioner, ProvisioningPlanner {
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
