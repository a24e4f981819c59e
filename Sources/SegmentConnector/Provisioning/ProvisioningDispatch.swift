import BatonKit
import SegmentAPI

/// Every operation's plan, found from what the entitlement id (or resource type) means: the one
/// place both execution and `--dry-run` look the plan up, so they always get the same one.
/// The plans themselves live with their targets: RoleGrants, GroupMembership,
/// WorkspaceMembership, Invitations, GroupLifecycle.
extension SegmentProvisioner {
    /// Gives `principal` the `entitlement` of a resource of type `resourceType`.
    /// Already held: no write, `GrantAlreadyExists`.
    func grant(principal: Resource, entitlement: Entitlement, resourceType: String) async throws -> GrantResult {
        let (target, who) = try Self.validated(entitlement: entitlement, principal: principal.id, resourceType: resourceType)
        let written = try await grantPlan(target, who, entitlement: entitlement).run()
        let expandable =
            who.typeId == SegmentResourceTypes.group.id && target.isPermission
            ? GrantExpandable.make(
                entitlementIds: ["\(who.resourceId.key):\(EntitlementCatalog.memberSlug)"],
                resourceTypeIds: [SegmentResourceTypes.user.id])
            : nil
        let grant = Grant.make(entitlement: entitlement, principal: principal, expandable: expandable)
        return GrantResult(grants: [grant], annotations: written ? [] : [Annotation(C1_Connector_V2_GrantAlreadyExists())])
    }

    /// Removes `grant` (entitlement of a resource of type `resourceType`).
    /// Not held: no write, `GrantAlreadyRevoked`.
    func revoke(grant: Grant, resourceType: String) async throws -> [Annotation] {
        let written = try await revokePlan(grant, resourceType: resourceType).run()
        return written ? [] : [Annotation(C1_Connector_V2_GrantAlreadyRevoked())]
    }

    /// Deletes a resource of `resourceType`. Already gone: `ResourceDoesNotExist`.
    func delete(_ resourceId: ResourceId, resourceType: String) async throws -> [Annotation] {
        try await deletionPlan(resourceId, resourceType: resourceType).run()
    }

    /// The Segment calls `operation` makes, in order, without making any: what `--dry-run` prints.
    func calls(for operation: ProvisioningOperation, resourceType: String) async throws -> [PlannedCall] {
        switch operation {
        case .grant(let principal, let entitlement):
            let (target, who) = try Self.validated(entitlement: entitlement, principal: principal.id, resourceType: resourceType)
            return await grantPlan(target, who, entitlement: entitlement).calls
        case .revoke(let grant):
            return try await revokePlan(grant, resourceType: resourceType).calls
        case .createAccount(let info, let options):
            guard resourceType == SegmentResourceTypes.user.id else { throw Self.unsupported("account creation", resourceType) }
            return try await invitationPlan(info, options).calls
        case .delete(let id):
            return try await deletionPlan(id, resourceType: resourceType).calls
        }
    }

    private func grantPlan(_ target: ProvisioningTarget, _ who: ProvisioningPrincipal, entitlement: Entitlement) async -> ProvisioningPlan<
        Bool
    > {
        switch target {
        case .workspaceMembership:
            return await workspaceMembershipGrantPlan(to: who, entitlement: entitlement, target: target)
        case .groupMembership(let groupId):
            return await groupMembershipGrantPlan(who, toGroup: groupId, entitlement: entitlement, target: target)
        case .permission(let role, let type, let resourceId, let labels):
            return await roleGrantPlan(
                role, on: type, resourceId: resourceId, labels: labels, to: who, entitlement: entitlement, target: target)
        }
    }

    private func revokePlan(_ grant: Grant, resourceType: String) async throws -> ProvisioningPlan<Bool> {
        try Self.refuseInherited(grant)
        let entitlement = grant.entitlement
        let (target, who) = try Self.validated(entitlement: entitlement, principal: grant.principal.id, resourceType: resourceType)
        switch target {
        case .workspaceMembership:
            guard case .user(let id) = who else { throw SegmentConnectorError.invalidPrincipal("\(who) is not a workspace member") }
            return await userRemovalPlan(id, revoking: entitlement, target: target)
        case .groupMembership(let groupId):
            return await groupMembershipRevokePlan(who, fromGroup: groupId, entitlement: entitlement, target: target)
        case .permission(let role, let type, let resourceId, let labels):
            return await roleRevokePlan(
                role, on: type, resourceId: resourceId, labels: labels, from: who, entitlement: entitlement,
                target: target)
        }
    }

    /// The deletion plan for a resource of `resourceType` (a user, an invite or a group).
    private func deletionPlan(_ id: ResourceId, resourceType: String) async throws -> ProvisioningPlan<[Annotation]> {
        try checkType(id, resourceType)
        switch resourceType {
        case SegmentResourceTypes.user.id:
            let removal = await userRemovalPlan(id.resource)
            return ProvisioningPlan(calls: removal.calls) { try await removal.run() ? [] : Self.alreadyGone }
        case SegmentResourceTypes.invite.id:
            return inviteWithdrawalPlan(id.resource)
        case SegmentResourceTypes.group.id:
            return groupDeletionPlan(id.resource)
        default:
            throw Self.unsupported("deletion", resourceType)
        }
    }

    private static func unsupported(_ what: String, _ type: String) -> BatonError {
        .unimplemented("resource type \"\(type)\" does not support \(what)")
    }

    /// Deleting what is already gone succeeds, saying so.
    static var alreadyGone: [Annotation] { [Annotation(C1_Connector_V2_ResourceDoesNotExist())] }

    /// Refuses a resource id of another type than the deleter's, or without an id.
    func checkType(_ resourceId: ResourceId, _ resourceType: String) throws {
        guard resourceId.resourceType == resourceType, !resourceId.resource.isEmpty else {
            throw SegmentConnectorError.invalidPrincipal("expected a \(resourceType) id, got \(resourceId.key)")
        }
    }

    /// The decoded target and principal, after every check that needs no API call.
    static func validated(entitlement: Entitlement, principal: ResourceId, resourceType: String) throws
        -> (ProvisioningTarget, ProvisioningPrincipal)
    {
        guard entitlement.resource.id.resourceType == resourceType else {
            throw SegmentConnectorError.unknownEntitlement("\(entitlement.id) (not an entitlement of a \(resourceType))")
        }
        let target = try ProvisioningTarget.decode(entitlement)
        let who = try ProvisioningPrincipal(principal)
        try target.check(who, entitlementId: entitlement.id)
        return (target, who)
    }

    /// A grant the sync derived from a group (grant expansion: `sources` that do not include the
    /// grant's own entitlement) is held through that group, not directly: revoking it here would
    /// change nothing or, worse, the wrong thing. Refused, naming the group.
    static func refuseInherited(_ grant: Grant) throws {
        let sources = grant.sources.sources
        let inherited =
            sources.isEmpty
            ? grant.annotations.contains(C1_Connector_V2_GrantImmutable.self)
            : sources[grant.entitlement.id] == nil
        guard inherited else { return }
        let through = sources.keys.sorted().map { source -> String in
            let parts = source.split(separator: ":", maxSplits: 2).map(String.init)
            return parts.count == 3 && parts[0] == SegmentResourceTypes.group.id ? "group \(parts[1])" : source
        }
        let origin = through.isEmpty ? "a group" : through.joined(separator: ", ")
        throw SegmentConnectorError.refused(
            "refused: \(grant.id) is inherited through \(origin); revoke the group's own grant or remove the member from the group")
    }
}

extension ProvisioningTarget {
    var isPermission: Bool {
        if case .permission = self { return true }
        return false
    }
}
