import BatonKit

/// Pending invitations can be withdrawn (`DELETE /invites`).
extension InviteSyncer: ResourceDeleter, ProvisioningPlanner {
    private var provisioner: SegmentProvisioner { SegmentProvisioner(client: client, memo: memo) }

    func delete(resourceId: ResourceId) async throws -> [Annotation] {
        try await provisioner.deleteInvite(resourceId)
    }

    func plan(_ operation: ProvisioningOperation) async throws -> [String] {
        try await provisioner.plan(operation, resourceType: resourceType.id)
    }
}
