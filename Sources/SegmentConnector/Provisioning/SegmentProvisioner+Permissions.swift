import BatonKit
import SegmentAPI

/// Role grants and revokes on a user's or group's direct permissions, one principal at a time.
extension SegmentProvisioner {
    /// Adds `tuple` with `POST …/permissions` (existing permissions untouched); false when the
    /// principal already holds it (then nothing is written).
    func grantPermission(_ tuple: PermissionTuple, to principal: ProvisioningPrincipal) async throws -> Bool {
        try await locks.withLock(principal.lockKey) {
            let current = PermissionTuple.tuples(from: try await permissions(of: principal))
            if current.contains(tuple) { return false }
            try await addPermissions([PermissionInput(roleId: tuple.roleId, resources: [tuple.resource])], to: principal)
            return true
        }
    }

    /// Removes exactly `tuple`: a fresh read, everything else written back unchanged (labels
    /// included) with `PUT …/permissions`, then a second read to confirm. False when the tuple
    /// was not held (then nothing is written). Removing a user's last Workspace Owner tuple is
    /// refused unless another owner remains.
    func revokePermission(_ tuple: PermissionTuple, from principal: ProvisioningPrincipal, ownerRoleId: String?) async throws -> Bool {
        try await locks.withLock(principal.lockKey) {
            let before = try await permissions(of: principal)
            guard let remaining = PermissionRemoval.removing(tuple, from: before) else { return false }
            if case .user(let userId) = principal, let ownerRoleId,
               Self.isOwner(PermissionTuple.tuples(from: before), ownerRoleId: ownerRoleId),
               !Self.isOwner(PermissionTuple.tuples(from: remaining.map { Permission(roleId: $0.roleId, resources: $0.resources) }),
                             ownerRoleId: ownerRoleId) {
                try await locks.withLock(PrincipalLocks.ownersKey) {
                    try await ensureAnotherOwner(besides: userId, ownerRoleId: ownerRoleId)
                    try await refusingLastOwner(userId) { try await replacePermissions(remaining, of: principal) }
                }
            } else {
                try await replacePermissions(remaining, of: principal)
            }
            try await confirm(removing: tuple, from: principal, before: before)
            return true
        }
    }

    /// Reads the principal again: `tuple` must be gone and every other tuple still there.
    private func confirm(removing tuple: PermissionTuple, from principal: ProvisioningPrincipal, before: [Permission]) async throws {
        let expected = Set(PermissionTuple.tuples(from: before)).subtracting([tuple])
        let actual = Set(PermissionTuple.tuples(from: try await permissions(of: principal)))
        guard actual != expected else { return }
        let missing = expected.subtracting(actual).map(\.description).sorted()
        let extra = actual.subtracting(expected).map(\.description).sorted()
        throw BatonError(.aborted,
            "revoke of \(tuple) from \(principal) could not be confirmed: Segment now holds \(actual.count) permissions, expected \(expected.count)"
                + (missing.isEmpty ? "" : "; missing \(missing.joined(separator: ", "))")
                + (extra.isEmpty ? "" : "; unexpected \(extra.joined(separator: ", "))"))
    }
}
