import BatonKit
import SegmentAPI

/// Creating and deleting groups, withdrawing invitations, removing users.
/// Deleting what is already gone succeeds with `ResourceDoesNotExist`.
extension SegmentProvisioner {
    static var alreadyGone: [Annotation] { [Annotation(C1_Connector_V2_ResourceDoesNotExist())] }

    func checkType(_ resourceId: ResourceId, _ resourceType: String) throws {
        guard resourceId.resourceType == resourceType, !resourceId.resource.isEmpty else {
            throw SegmentConnectorError.invalidPrincipal("expected a \(resourceType) id, got \(resourceId.key)")
        }
    }

    /// `DELETE /users?userIds.0=…` (refused for the last Workspace Owner).
    func deleteUser(_ resourceId: ResourceId) async throws -> [Annotation] {
        try checkType(resourceId, SegmentResourceTypes.user.id)
        return try await removeUser(resourceId.resource) ? [] : Self.alreadyGone
    }

    /// `DELETE /invites?emails.0=…` after checking the invitation is still pending.
    func deleteInvite(_ resourceId: ResourceId) async throws -> [Annotation] {
        try checkType(resourceId, SegmentResourceTypes.invite.id)
        let email = resourceId.resource
        return try await locks.withLock(ProvisioningPrincipal.invite(email: email).lockKey) {
            guard try await inviteExists(email) else { return Self.alreadyGone }
            do {
                try await client.deleteInvites(emails: [email])
            } catch SegmentAPIError.notFound {
                return Self.alreadyGone
            }
            return []
        }
    }

    /// `POST /groups` named after the resource's display name.
    func createGroup(_ resource: Resource) async throws -> CreateResourceResponse {
        let name = resource.displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw SegmentConnectorError.invalidPrincipal("a new group needs a name (the resource's display name)") }
        let group = try await client.createUserGroup(name: name)
        var response = CreateResourceResponse()
        response.created = GroupSyncer.resource(group, parent: ResourceId(SegmentResourceTypes.workspace.id, try await workspaceId()))
        return response
    }

    /// `DELETE /groups/{id}` after checking the group exists.
    func deleteGroup(_ resourceId: ResourceId) async throws -> [Annotation] {
        try checkType(resourceId, SegmentResourceTypes.group.id)
        let groupId = resourceId.resource
        return try await locks.withLock(ProvisioningPrincipal.group(id: groupId).lockKey) {
            do {
                _ = try await client.getUserGroup(id: groupId)
                try await client.deleteUserGroup(id: groupId)
            } catch SegmentAPIError.notFound {
                return Self.alreadyGone
            }
            return []
        }
    }
}
