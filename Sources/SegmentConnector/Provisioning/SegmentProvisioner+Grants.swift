import BatonKit
import SegmentAPI

/// Grant and revoke for every entitlement the sync writes, dispatched on what its id means.
extension SegmentProvisioner {
    /// Gives `principal` the `entitlement` of a resource of type `resourceType`.
    /// Already held: no write, `GrantAlreadyExists`.
    func grant(principal: Resource, entitlement: Entitlement, resourceType: String) async throws -> GrantResult {
        let (target, who) = try Self.validated(entitlement: entitlement, principal: principal.id, resourceType: resourceType)
        try await checkWorkspace(of: entitlement, target: target)
        let written: Bool
        switch target {
        case .workspaceMembership:
            // Membership comes from accepting an invitation; a present user already has it.
            guard case .user(let id) = who, try await userIfPresent(id) != nil else {
                throw SegmentConnectorError.notFound(
                    "\(who) is not in the workspace: a workspace membership is created by invitation (--create-account-email)")
            }
            written = false
        case .groupMembership(let groupId):
            written = try await addMember(who, toGroup: groupId)
        case .permission(let role, let type, let resourceId, let labels):
            let roles = try await roles()
            let tuple = try await tuple(role: role, resourceType: type, resourceId: resourceId, labels: labels, roles: roles,
                                        entitlementId: entitlement.id, forGrant: true)
            written = try await grantPermission(tuple, to: who)
        }
        let expandable = who.typeId == SegmentResourceTypes.group.id && target.isPermission
            ? GrantExpandable.make(entitlementIds: ["\(who.resourceId.key):\(EntitlementCatalog.memberSlug)"],
                                   resourceTypeIds: [SegmentResourceTypes.user.id])
            : nil
        let grant = Grant.make(entitlement: entitlement, principal: principal, expandable: expandable)
        return GrantResult(grants: [grant], annotations: written ? [] : [Annotation(C1_Connector_V2_GrantAlreadyExists())])
    }

    /// Removes `grant` (entitlement of a resource of type `resourceType`).
    /// Not held: no write, `GrantAlreadyRevoked`.
    func revoke(grant: Grant, resourceType: String) async throws -> [Annotation] {
        try Self.refuseInherited(grant)
        let (target, who) = try Self.validated(entitlement: grant.entitlement, principal: grant.principal.id, resourceType: resourceType)
        try await checkWorkspace(of: grant.entitlement, target: target)
        let written: Bool
        switch target {
        case .workspaceMembership:
            guard case .user(let id) = who else { throw SegmentConnectorError.invalidPrincipal("\(who) is not a workspace member") }
            written = try await removeUser(id)
        case .groupMembership(let groupId):
            written = try await removeMember(who, fromGroup: groupId)
        case .permission(let role, let type, let resourceId, let labels):
            let roles = try await roles()
            let tuple = try await tuple(role: role, resourceType: type, resourceId: resourceId, labels: labels, roles: roles,
                                        entitlementId: grant.entitlement.id, forGrant: false)
            written = try await revokePermission(tuple, from: who, ownerRoleId: Self.ownerRoleId(in: roles))
        }
        return written ? [] : [Annotation(C1_Connector_V2_GrantAlreadyRevoked())]
    }

    /// The decoded target and principal, after every check that needs no API call.
    static func validated(entitlement: Entitlement, principal: ResourceId, resourceType: String) throws
        -> (ProvisioningTarget, ProvisioningPrincipal) {
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
        let inherited = sources.isEmpty
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
