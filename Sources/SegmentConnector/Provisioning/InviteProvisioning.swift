import BatonKit

/// Pending invitations can be withdrawn (`DELETE /invites`).
extension InviteSyncer: ResourceDeleter, SegmentProvisioning {
    func delete(resourceId: ResourceId) async throws -> [Annotation] {
        try await provisioner.deleteInvite(resourceId)
    }
}
