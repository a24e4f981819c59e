import BatonKit
import Foundation
import SegmentAPI

/// `--dry-run`: the Segment calls each operation would make, in order, with the same input
/// checks as the real thing, and without a single request (placeholders stand for what only a
/// read would tell). Kept beside the operations it mirrors; the tests run both.
extension SegmentProvisioner {
    func plan(_ operation: ProvisioningOperation, resourceType: String) async throws -> [String] {
        switch operation {
        case .grant(let principal, let entitlement):
            return try await planGrant(principal: principal.id, entitlement: entitlement, resourceType: resourceType)
        case .revoke(let grant):
            return try await planRevoke(grant, resourceType: resourceType)
        case .createAccount(let info, let options):
            guard resourceType == SegmentResourceTypes.user.id else { throw Self.unsupported("account creation", resourceType) }
            return try await planCreateAccount(info, options)
        case .delete(let id):
            return try await planDelete(id, resourceType: resourceType)
        }
    }

    private static func unsupported(_ what: String, _ type: String) -> BatonError {
        .unimplemented("resource type \"\(type)\" does not support \(what)")
    }

    private func planGrant(principal: ResourceId, entitlement: Entitlement, resourceType: String) async throws -> [String] {
        let (target, who) = try Self.validated(entitlement: entitlement, principal: principal, resourceType: resourceType)
        var calls: [String] = []
        let workspace = await planWorkspace(entitlement: entitlement, target: target, calls: &calls)
        switch target {
        case .workspaceMembership:
            calls.append("GET /users/\(who.id) — is \(who) in the workspace? (yes: GrantAlreadyExists, nothing written)")
        case .groupMembership(let groupId):
            calls += membershipReads(who, groupId: groupId, checkInvite: true)
            calls.append("POST /groups/\(groupId)/users \(Self.json(EmailsBody(emails: [placeholderEmail(who)]))) — unless already a member")
        case .permission(let role, let type, let resourceId, let labels):
            let path = Self.path(of: who)
            let resource = PermissionResource(id: resourceId ?? workspace, type: type, labels: labels.isEmpty ? nil : labels)
            calls.append("GET /roles — \(Self.roleCheck(role))")
            calls.append("GET \(path) — current permissions, read fresh")
            calls.append("POST \(path)/permissions \(Self.json(PermissionsBody(permissions: [PermissionInput(roleId: role.description, resources: [resource])]))) — unless already held")
        }
        return calls
    }

    private func planRevoke(_ grant: Grant, resourceType: String) async throws -> [String] {
        try Self.refuseInherited(grant)
        let (target, who) = try Self.validated(entitlement: grant.entitlement, principal: grant.principal.id, resourceType: resourceType)
        var calls: [String] = []
        let workspace = await planWorkspace(entitlement: grant.entitlement, target: target, calls: &calls)
        switch target {
        case .workspaceMembership:
            calls += userRemovalCalls(who.id)
        case .groupMembership(let groupId):
            calls += membershipReads(who, groupId: groupId, checkInvite: false)
            calls.append("DELETE /group/\(groupId)/users?emails.0=\(placeholderEmail(who)) — only if a member")
        case .permission(let role, let type, let resourceId, let labels):
            let path = Self.path(of: who)
            let scope = labels.isEmpty ? "" : "[" + labels.map(\.identity).joined(separator: ",") + "]"
            let tuple = "\(role)/\(type)/\(resourceId ?? workspace)\(scope)"
            calls.append("GET /roles — \(Self.roleCheck(role)) and find Workspace Owner")
            calls.append("GET \(path) — current permissions, read fresh")
            if case .user = who {
                calls.append("GET /users (all pages), GET /users/{id} as needed — only if this removes \(who)'s Workspace Owner role: another owner must remain")
            }
            calls.append("PUT \(path)/permissions {\"permissions\":[…]} — the permissions just read without \(tuple), everything else as read (labels included); only if held")
            calls.append("GET \(path) — confirm \(tuple) is gone and nothing else changed")
        }
        return calls
    }

    private func planCreateAccount(_ info: AccountInfo, _ options: CredentialOptions) async throws -> [String] {
        let request = try InvitationRequest(accountInfo: info, credentialOptions: options)
        var calls: [String] = []
        var permissions: [InvitePermission]?
        if let role = request.role {
            calls.append("GET /roles — resolve the role \"\(role)\" (by id, else by name)")
        }
        let workspace = await planWorkspace(calls: &calls)
        if let role = request.role {
            permissions = [InvitePermission(roleId: "<id of role \(role)>", resources: [InviteResource(id: workspace, type: .workspace)])]
        }
        calls.append("GET /users (all pages) — is \(request.email) already a member? (yes: already exists)")
        calls.append("GET /invites (all pages) — is \(request.email) already invited? (yes: already exists)")
        calls.append("POST /invites \(Self.json(InvitesBody(invites: [InviteInput(email: request.email, permissions: permissions)])))")
        return calls
    }

    private func planDelete(_ id: ResourceId, resourceType: String) async throws -> [String] {
        try checkType(id, resourceType)
        switch resourceType {
        case SegmentResourceTypes.user.id:
            return userRemovalCalls(id.resource)
        case SegmentResourceTypes.invite.id:
            return ["GET /invites (all pages) — is \(id.resource) still pending? (no: already gone)",
                    "DELETE /invites?emails.0=\(id.resource)"]
        case SegmentResourceTypes.group.id:
            return ["GET /groups/\(id.resource) — does the group still exist? (no: already gone)",
                    "DELETE /groups/\(id.resource)"]
        default:
            throw Self.unsupported("deletion", resourceType)
        }
    }

    // MARK: - Pieces

    /// The workspace id if known without a request; otherwise the `GET /` the operation would
    /// make is planned and a placeholder stands for its answer.
    private func planWorkspace(entitlement: Entitlement? = nil, target: ProvisioningTarget? = nil, calls: inout [String]) async -> String {
        if let known = await memo.workspace { return known.id }
        calls.append("GET / — the token's workspace" + (entitlement == nil ? "" : " (must be the one the entitlement belongs to)"))
        if let entitlement, entitlement.resource.hasParentResourceID,
           entitlement.resource.parentResourceID.resourceType == SegmentResourceTypes.workspace.id {
            return entitlement.resource.parentResourceID.resource
        }
        if case .workspaceMembership(let id)? = target { return id }
        return "<workspace id>"
    }

    private func membershipReads(_ who: ProvisioningPrincipal, groupId: String, checkInvite: Bool) -> [String] {
        switch who {
        case .user(let id):
            return ["GET /users/\(id) — the user's e-mail",
                    "GET /groups/\(groupId)/users (all pages) — is \(who) already a member?"]
        default:
            return (checkInvite ? ["GET /invites (all pages) — is \(who.id) still invited?"] : [])
                + ["GET /groups/\(groupId)/invites (all pages) — is \(who.id) already a pending member?"]
        }
    }

    private func userRemovalCalls(_ userId: String) -> [String] {
        ["GET /users/\(userId) — is the user still in the workspace? (no: nothing to write)",
         "GET /roles — find Workspace Owner (only if the user holds permissions)",
         "GET /users (all pages), GET /users/{id} as needed — only if the user is a Workspace Owner: another owner must remain",
         "DELETE /users?userIds.0=\(userId)"]
    }

    private func placeholderEmail(_ who: ProvisioningPrincipal) -> String {
        if case .invite(let email) = who { return email }
        return "<e-mail of \(who)>"
    }

    private static func path(of who: ProvisioningPrincipal) -> String {
        if case .group(let id) = who { return "/groups/\(id)" }
        return "/users/\(who.id)"
    }

    private static func roleCheck(_ role: RoleReference) -> String {
        switch role {
        case .id(let id): "check role \(id) exists"
        case .slug(let slug): "resolve the role with slug \(slug)"
        }
    }

    private static func json<T: Encodable>(_ body: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)).flatMap { String(data: $0, encoding: .utf8) } ?? "{…}"
    }
}

private struct EmailsBody: Encodable { var emails: [String] }
private struct PermissionsBody: Encodable { var permissions: [PermissionInput] }
private struct InvitesBody: Encodable { var invites: [InviteInput] }
