import BatonKit
import SegmentAPI

/// Group membership, addressed by e-mail as Segment requires; checked by paging the group's
/// members (users, or pending invitees) fresh before any write.
extension SegmentProvisioner {
    /// `POST /groups/{id}/users`; false when already a member.
    func addMember(_ principal: ProvisioningPrincipal, toGroup groupId: String) async throws -> Bool {
        try await locks.withLock(principal.lockKey) {
            let email = try await email(of: principal)
            if case .invite = principal, try await !inviteExists(email) {
                throw SegmentConnectorError.notFound("there is no pending invitation for \(email)")
            }
            if try await isMember(principal, email: email, of: groupId) { return false }
            try await client.addUsersToUserGroup(groupId: groupId, emails: [email])
            return true
        }
    }

    /// `DELETE /group/{id}/users?emails.0=…`; false when not a member.
    func removeMember(_ principal: ProvisioningPrincipal, fromGroup groupId: String) async throws -> Bool {
        try await locks.withLock(principal.lockKey) {
            let email: String
            do {
                email = try await self.email(of: principal)
            } catch SegmentConnectorError.notFound {
                return false   // the user left the workspace, and with it every group
            }
            guard try await isMember(principal, email: email, of: groupId) else { return false }
            try await client.removeUsersFromUserGroup(groupId: groupId, emails: [email])
            return true
        }
    }

    /// Whether the principal is among the group's users (by id) or pending invitees (by e-mail).
    func isMember(_ principal: ProvisioningPrincipal, email: String, of groupId: String) async throws -> Bool {
        do {
            switch principal {
            case .user(let id):
                for try await member in client.allUsersFromUserGroup(groupId: groupId) where member.id == id { return true }
            case .invite:
                let wanted = email.lowercased()
                for try await invited in client.allInvitesFromUserGroup(groupId: groupId) where invited.lowercased() == wanted {
                    return true
                }
            case .group:
                throw SegmentConnectorError.invalidPrincipal("a group cannot be a member of a group (\(principal))")
            }
            return false
        } catch SegmentAPIError.notFound {
            throw SegmentConnectorError.notFound("group \(groupId) does not exist in the workspace")
        }
    }
}
