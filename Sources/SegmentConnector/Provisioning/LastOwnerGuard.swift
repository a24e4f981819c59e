import BatonKit
import SegmentAPI

/// The workspace must keep a Workspace Owner. Segment's answer to removing the last one is not
/// documented (the simulator says 422), so we check first and refuse without writing.
extension SegmentProvisioner {
    /// Whether these tuples make their holder a Workspace Owner (the role on the WORKSPACE resource).
    static func isOwner(_ tuples: [PermissionTuple], ownerRoleId: String) -> Bool {
        tuples.contains { $0.roleId == ownerRoleId && $0.resourceType == .workspace }
    }

    /// Throws unless a user other than `userId` holds Workspace Owner directly.
    ///
    /// Pages `GET /users` and, because list items need not carry permissions, reads each other
    /// user until an owner turns up; only direct grants count, as ownership through a group is
    /// not what keeps a workspace administrable in Segment's own rule.
    func ensureAnotherOwner(besides userId: String, ownerRoleId: String) async throws {
        for try await other in client.allUsers() where other.id != userId {
            let permissions: [Permission]
            if let listed = other.permissions {
                permissions = listed
            } else {
                guard let fresh = try await userIfPresent(other.id) else { continue }
                permissions = fresh.permissions ?? []
            }
            if Self.isOwner(PermissionTuple.tuples(from: permissions), ownerRoleId: ownerRoleId) { return }
        }
        throw Self.lastOwner(userId)
    }

    static func lastOwner(_ userId: String) -> SegmentConnectorError {
        .refused("refused: \(userId) is the workspace's last Workspace Owner")
    }

    /// Runs a write that removes `userId`'s Workspace Owner role once another owner is found,
    /// holding the owners' key so two such writes cannot each count the other as that owner.
    func keepingAnotherOwner(besides userId: String, ownerRoleId: String, _ write: @Sendable () async throws -> Void) async throws {
        try await locks.withLock(PrincipalLocks.ownersKey) {
            try await ensureAnotherOwner(besides: userId, ownerRoleId: ownerRoleId)
            try await refusingLastOwner(userId, write)
        }
    }

    /// Runs a write that could remove an owner, turning Segment's own last-owner refusal (if it
    /// raced past our check) into the same clear error.
    func refusingLastOwner(_ userId: String, _ write: () async throws -> Void) async throws {
        do {
            try await write()
        } catch SegmentAPIError.validation(_, 422, let message, _) where message.lowercased().contains("owner") {
            throw Self.lastOwner(userId)
        }
    }
}
