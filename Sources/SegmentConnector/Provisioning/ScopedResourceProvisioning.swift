import BatonKit

/// `<kind>:<id>:<role slug>`: a role on one source, warehouse, function or space, for users and
/// groups; the slug is resolved to a role id against a fresh `GET /roles`.
extension ScopedResourceSyncer: GrantProvisioner, ProvisioningPlanner {
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
