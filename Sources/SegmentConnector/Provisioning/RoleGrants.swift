import BatonKit
import SegmentAPI

/// Roles held by users and groups, as direct permissions: workspace-wide (`role:<id>:member`),
/// label-scoped (`role:<id>:member:labels:k=v,...`) and on one source, warehouse, function or
/// space (`<kind>:<id>:<role slug>`, the slug resolved against a fresh `GET /roles`). All of them
/// are one (role, resource, labels) tuple added to or removed from the principal, so they share
/// these two plans, which both execution and `--dry-run` read.
extension RoleSyncer: SegmentGrantProvisioning {}
extension ScopedResourceSyncer: SegmentGrantProvisioning {}

extension SegmentProvisioner {
    /// What a role grant or revoke has read so far.
    struct RoleGrantState: Sendable {
        /// Set by the `GET /roles` step, which every later step follows.
        var tuple: PermissionTuple?
        var ownerRoleId: String?
        var before: [Permission] = []
        var remaining: [PermissionInput] = []
    }

    /// Grants one role tuple: `POST …/permissions` with that tuple only (existing permissions
    /// untouched), unless a fresh read shows it held. Runs to true when it wrote.
    func roleGrantPlan(
        _ role: RoleReference, on resourceType: PermissionResourceType, resourceId: String?, labels: [Label],
        to who: ProvisioningPrincipal, entitlement: Entitlement, target: ProvisioningTarget
    ) async -> ProvisioningPlan<Bool> {
        var plan = SegmentCallPlan(state: RoleGrantState(), locks: locks) { _ in true }
        await checkWorkspaceStep(entitlement, target: target, in: &plan)
        plan.step(.read("listRoles", "GET /roles — \(role.check)")) { [self] state in
            state.tuple = try await tuple(
                role: role, resourceType: resourceType, resourceId: resourceId, labels: labels,
                roles: try await roles(), entitlementId: entitlement.id, forGrant: true)
            return .next
        }
        plan.lockPrincipal(who.lockKey)
        plan.step(.read(who.readOperation, "GET \(who.apiPath) — current permissions, read fresh")) { [self] state in
            let held = PermissionTuple.tuples(from: try await permissions(of: who))
            return held.contains(state.tuple!) ? .done(false) : .next
        }
        let workspace = await workspaceForLines(entitlement: entitlement, target: target)
        let resource = PermissionResource(
            id: resourceId ?? workspace,
            type: resourceType, labels: labels.isEmpty ? nil : labels)
        let body = CallLines.json(CallLines.Permissions(permissions: [PermissionInput(roleId: role.description, resources: [resource])]))
        plan.step(.write(who.addPermissionsOperation, "POST \(who.apiPath)/permissions \(body) — unless already held")) { [self] state in
            let tuple = state.tuple!
            try await addPermissions([PermissionInput(roleId: tuple.roleId, resources: [tuple.resource])], to: who)
            return .next
        }
        return plan.erased
    }

    /// Revokes exactly one role tuple, label-scoped ones included: a fresh read, everything else
    /// written back as read (labels and unknown fields too) with `PUT …/permissions`, then a second
    /// read to confirm only that tuple went. Not held: no write, false. Taking a user's last
    /// Workspace Owner tuple is refused unless another owner remains.
    func roleRevokePlan(
        _ role: RoleReference, on resourceType: PermissionResourceType, resourceId: String?, labels: [Label],
        from who: ProvisioningPrincipal, entitlement: Entitlement, target: ProvisioningTarget
    ) async -> ProvisioningPlan<Bool> {
        var plan = SegmentCallPlan(state: RoleGrantState(), locks: locks) { _ in true }
        await checkWorkspaceStep(entitlement, target: target, in: &plan)
        plan.step(.read("listRoles", "GET /roles — \(role.check) and find Workspace Owner")) { [self] state in
            let roles = try await roles()
            state.tuple = try await tuple(
                role: role, resourceType: resourceType, resourceId: resourceId, labels: labels,
                roles: roles, entitlementId: entitlement.id, forGrant: false)
            state.ownerRoleId = Self.ownerRoleId(in: roles)
            return .next
        }
        plan.lockPrincipal(who.lockKey)
        plan.step(.read(who.readOperation, "GET \(who.apiPath) — current permissions, read fresh")) { [self] state in
            state.before = try await permissions(of: who)
            guard let remaining = PermissionRemoval.removing(state.tuple!, from: state.before) else { return .done(false) }
            state.remaining = remaining
            return .next
        }
        let scope = labels.isEmpty ? "" : "[" + labels.map(\.identity).joined(separator: ",") + "]"
        let workspace = await workspaceForLines(entitlement: entitlement, target: target)
        let shown = "\(role)/\(resourceType)/\(resourceId ?? workspace)\(scope)"
        let replace = PlannedCall.write(
            who.replacePermissionsOperation,
            "PUT \(who.apiPath)/permissions {\"permissions\":[…]} — the permissions just read without \(shown), everything else as read (labels included); only if held"
        )
        let write: SegmentCallPlan<RoleGrantState, Bool>.Perform = { [self] state in
            let remaining = state.remaining
            if case .user(let userId) = who, let ownerRoleId = state.ownerRoleId,
                Self.isOwner(PermissionTuple.tuples(from: state.before), ownerRoleId: ownerRoleId),
                !Self.isOwner(
                    PermissionTuple.tuples(from: remaining.map { Permission(roleId: $0.roleId, resources: $0.resources) }),
                    ownerRoleId: ownerRoleId)
            {
                try await keepingAnotherOwner(besides: userId, ownerRoleId: ownerRoleId) {
                    try await replacePermissions(remaining, of: who)
                }
            } else {
                try await replacePermissions(remaining, of: who)
            }
            return .next
        }
        if case .user = who {
            plan.step(
                .read(
                    "listUsers",
                    "GET /users (all pages), GET /users/{id} as needed — only if this removes \(who)'s Workspace Owner role: another owner must remain"
                ),
                replace, perform: write)
        } else {
            plan.step(replace, perform: write)
        }
        plan.step(.read(who.readOperation, "GET \(who.apiPath) — confirm \(shown) is gone and nothing else changed")) { [self] state in
            try await confirm(removing: state.tuple!, from: who, before: state.before)
            return .next
        }
        return plan.erased
    }

    /// Reads the principal again: `tuple` must be gone and every other tuple still there.
    private func confirm(removing tuple: PermissionTuple, from principal: ProvisioningPrincipal, before: [Permission]) async throws {
        let expected = Set(PermissionTuple.tuples(from: before)).subtracting([tuple])
        let actual = Set(PermissionTuple.tuples(from: try await permissions(of: principal)))
        guard actual != expected else { return }
        let missing = expected.subtracting(actual).map(\.description).sorted()
        let extra = actual.subtracting(expected).map(\.description).sorted()
        throw BatonError(
            .aborted,
            "revoke of \(tuple) from \(principal) could not be confirmed: Segment now holds \(actual.count) permissions, expected \(expected.count)"
                + (missing.isEmpty ? "" : "; missing \(missing.joined(separator: ", "))")
                + (extra.isEmpty ? "" : "; unexpected \(extra.joined(separator: ", "))"))
    }
}
