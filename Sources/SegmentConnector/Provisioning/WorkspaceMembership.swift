import BatonKit
import SegmentAPI

/// `workspace:<id>:member`. A present user already holds it (granting is `GrantAlreadyExists`;
/// new members come by invitation, see Invitations.swift); revoking it removes the user from the
/// workspace, which is also what deleting a `user` resource does.
extension WorkspaceSyncer: SegmentGrantProvisioning {}

extension UserSyncer: ResourceDeleter {
    func delete(resourceId: ResourceId) async throws -> [Annotation] {
        try await provisioner.delete(resourceId, resourceType: resourceType.id)
    }
}

extension SegmentProvisioner {
    /// Granting workspace membership writes nothing: it checks the user is still there.
    func workspaceMembershipGrantPlan(
        to who: ProvisioningPrincipal, entitlement: Entitlement,
        target: ProvisioningTarget
    ) async -> ProvisioningPlan<Bool> {
        var plan = SegmentCallPlan(state: NoState(), locks: locks) { _ in false }
        await checkWorkspaceStep(entitlement, target: target, in: &plan)
        plan.step(.read("getUser", "GET /users/\(who.id) — is \(who) in the workspace? (yes: GrantAlreadyExists, nothing written)")) {
            [self] _ in
            // Membership comes from accepting an invitation; a present user already has it.
            guard case .user(let id) = who, try await userIfPresent(id) != nil else {
                throw SegmentConnectorError.notFound(
                    "\(who) is not in the workspace: a workspace membership is created by invitation (--create-account-email)")
            }
            return .next
        }
        return plan.erased
    }

    /// What removing a user has read so far.
    struct UserRemovalState: Sendable {
        var tuples: [PermissionTuple] = []
        var ownerRoleId: String?
    }

    /// Removes a user from the workspace (`DELETE /users`), refused for the last Workspace Owner;
    /// as a revoke of `entitlement`, first checks it is this workspace's. Runs to false when they
    /// were already gone.
    func userRemovalPlan(
        _ userId: String, revoking entitlement: Entitlement? = nil,
        target: ProvisioningTarget? = nil
    ) async -> ProvisioningPlan<Bool> {
        var plan = SegmentCallPlan(state: UserRemovalState(), locks: locks) { _ in true }
        if let entitlement, let target { await checkWorkspaceStep(entitlement, target: target, in: &plan) }
        plan.lockPrincipal(ProvisioningPrincipal.user(id: userId).lockKey)
        plan.step(.read("getUser", "GET /users/\(userId) — is the user still in the workspace? (no: nothing to write)")) { [self] state in
            guard let user = try await userIfPresent(userId) else { return .done(false) }
            state.tuples = PermissionTuple.tuples(from: user.permissions ?? [])
            return .next
        }
        plan.step(.read("listRoles", "GET /roles — find Workspace Owner (only if the user holds permissions)")) { [self] state in
            if !state.tuples.isEmpty, let ownerRoleId = Self.ownerRoleId(in: try await roles()),
                Self.isOwner(state.tuples, ownerRoleId: ownerRoleId)
            {
                state.ownerRoleId = ownerRoleId
            }
            return .next
        }
        plan.step(
            .read(
                "listUsers",
                "GET /users (all pages), GET /users/{id} as needed — only if the user is a Workspace Owner: another owner must remain"),
            .write("deleteUsers", "DELETE /users?userIds.0=\(userId)")
        ) { [self] state in
            if let ownerRoleId = state.ownerRoleId {
                try await keepingAnotherOwner(besides: userId, ownerRoleId: ownerRoleId) { try await client.deleteUsers(ids: [userId]) }
            } else {
                try await refusingLastOwner(userId) { try await client.deleteUsers(ids: [userId]) }
            }
            return .next
        }
        return plan.erased
    }
}
