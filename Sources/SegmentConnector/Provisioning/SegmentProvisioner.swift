import BatonKit
import SegmentAPI

/// The provisioning side of the connector, shared by the syncers' conformances: fresh reads of
/// what Segment holds now (never the sync's cache), and the writes that change it.
///
/// Every read here goes to Segment at the moment of the operation: a grant or revoke decided on
/// a stale read is how the Go connector widened access.
struct SegmentProvisioner: Sendable {
    let client: SegmentClient
    let memo: WorkspaceMemo
    let locks: PrincipalLocks

    /// The token's workspace id (read once per connector; it cannot change under a token).
    func workspaceId() async throws -> String {
        try await memo.workspace(using: client).id
    }

    /// The role catalogue, read fresh.
    func roles() async throws -> RoleDirectory {
        try await RoleDirectory.read(from: client)
    }

    /// The id of the Workspace Owner role, if the catalogue has one.
    static func ownerRoleId(in roles: RoleDirectory) -> String? {
        roles.all.first { roles.name(of: $0).lowercased() == "workspace owner" }?.id
    }

    /// The permission tuple a `.permission` target stands for. Grants need the role to exist;
    /// a revoke may name a role that has since gone (it is then simply not held).
    func tuple(
        role: RoleReference, resourceType: PermissionResourceType, resourceId: String?, labels: [Label],
        roles: RoleDirectory, entitlementId: String, forGrant: Bool
    ) async throws -> PermissionTuple {
        let roleId: String
        switch role {
        case .id(let id):
            if forGrant, roles[id] == nil {
                throw SegmentConnectorError.notFound("role \(id) does not exist in the workspace")
            }
            roleId = id
        case .slug(let slug):
            guard let found = roles.role(withSlug: slug) else {
                throw SegmentConnectorError.unknownEntitlement("\(entitlementId) (no role in the workspace has the slug \(slug))")
            }
            roleId = found.id
        }
        let resource: String
        if let resourceId { resource = resourceId } else { resource = try await workspaceId() }
        return PermissionTuple(roleId: roleId, resourceType: resourceType, resourceId: resource, labels: labels)
    }

    /// Refuses an entitlement written for another workspace than the token's (a stale or foreign file).
    func checkWorkspace(of entitlement: Entitlement, target: ProvisioningTarget) async throws {
        var named: String?
        if case .workspaceMembership(let id) = target { named = id }
        let parent = entitlement.resource.parentResourceID
        if entitlement.resource.hasParentResourceID, parent.resourceType == SegmentResourceTypes.workspace.id {
            named = parent.resource
        }
        guard let named else { return }
        let actual = try await workspaceId()
        guard named == actual else {
            throw SegmentConnectorError.refused(
                "refused: \(entitlement.id) belongs to workspace \(named), but the token is for workspace \(actual)")
        }
    }

    // MARK: - Principals, read fresh

    /// A user as Segment has them now; a missing user is a clear not-found error.
    func user(_ id: String) async throws -> User {
        do {
            return try await client.getUser(id: id)
        } catch SegmentAPIError.notFound {
            throw SegmentConnectorError.notFound("user \(id) does not exist in the workspace")
        }
    }

    /// The user, or nil when Segment no longer has them.
    func userIfPresent(_ id: String) async throws -> User? {
        do { return try await client.getUser(id: id) } catch SegmentAPIError.notFound { return nil }
    }

    /// A principal's direct permissions as Segment holds them now.
    func permissions(of principal: ProvisioningPrincipal) async throws -> [Permission] {
        switch principal {
        case .user(let id):
            return try await user(id).permissions ?? []
        case .group(let id):
            do {
                return try await client.getUserGroup(id: id).permissions ?? []
            } catch SegmentAPIError.notFound {
                throw SegmentConnectorError.notFound("group \(id) does not exist in the workspace")
            }
        case .invite:
            throw SegmentConnectorError.invalidPrincipal("\(principal) is a pending invitation: it holds no permissions until accepted")
        }
    }

    func addPermissions(_ inputs: [PermissionInput], to principal: ProvisioningPrincipal) async throws {
        switch principal {
        case .user(let id): try await client.addPermissionsToUser(userId: id, permissions: inputs)
        case .group(let id): try await client.addPermissionsToUserGroup(groupId: id, permissions: inputs)
        case .invite: throw SegmentConnectorError.invalidPrincipal("\(principal) cannot hold permissions")
        }
    }

    func replacePermissions(_ inputs: [PermissionInput], of principal: ProvisioningPrincipal) async throws {
        switch principal {
        case .user(let id): try await client.replacePermissionsForUser(userId: id, permissions: inputs)
        case .group(let id): try await client.replacePermissionsForUserGroup(groupId: id, permissions: inputs)
        case .invite: throw SegmentConnectorError.invalidPrincipal("\(principal) cannot hold permissions")
        }
    }

    /// The e-mail Segment addresses a member by: the user's, read fresh, or the invite's own.
    func email(of principal: ProvisioningPrincipal) async throws -> String {
        switch principal {
        case .user(let id):
            guard let email = try await user(id).email, !email.isEmpty else {
                throw SegmentConnectorError.notFound("user \(id) has no e-mail address in Segment")
            }
            return email
        case .invite(let email):
            return email
        case .group:
            throw SegmentConnectorError.invalidPrincipal("a group cannot be a member of a group (\(principal))")
        }
    }

    /// Whether a pending invitation exists for `email` (case-insensitive), paging `GET /invites`.
    func inviteExists(_ email: String) async throws -> Bool {
        let wanted = email.lowercased()
        for try await invited in client.allInvites() where invited.lowercased() == wanted { return true }
        return false
    }
}
