import BatonKit
import Foundation
import SegmentAPI
import SwiftProtobuf

/// Invitations. Creating a Segment account means inviting the person: `POST /invites` with their
/// e-mail and, optionally, one workspace-wide role. The account stays pending until they accept,
/// so the result is "action required" with the invite as the resource; no password is ever
/// involved. A pending invitation can be withdrawn (`DELETE /invites`).
extension UserSyncer: AccountManager, SegmentProvisioning {
    func createAccount(accountInfo: AccountInfo, credentialOptions: CredentialOptions) async throws -> CreateAccountResponse {
        try await provisioner.invitationPlan(accountInfo, credentialOptions).run()
    }

    var accountProvisioningDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning? {
        SegmentProvisioner.accountProvisioningDetails
    }
}

extension InviteSyncer: ResourceDeleter, SegmentProvisioning {
    func delete(resourceId: ResourceId) async throws -> [Annotation] {
        try await provisioner.delete(resourceId, resourceType: resourceType.id)
    }
}

extension SegmentProvisioner {
    /// What to invite, read from the account info: the e-mail (primary address, else the login,
    /// else the profile's `email`) and the profile's optional `role` (a role name or id).
    struct InvitationRequest: Sendable, Equatable {
        var email: String
        var role: String?

        init(accountInfo: AccountInfo, credentialOptions: CredentialOptions) throws {
            switch credentialOptions.options {
            case nil, .noPassword?: break
            default:
                throw SegmentConnectorError.invalidPrincipal(
                    "Segment accounts are created by invitation and take no password or credential: use the no-password option")
            }
            let profile = accountInfo.profile.fields
            let primary = accountInfo.emails.first(where: \.isPrimary)?.address ?? accountInfo.emails.first?.address
            let candidates = [primary, accountInfo.login, text(profile["email"]), text(profile["login"])]
            guard let email = candidates.compactMap({ $0?.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty }) else {
                throw SegmentConnectorError.invalidPrincipal(
                    "an e-mail address is required to invite someone to Segment (--create-account-email)")
            }
            guard Self.looksLikeEmail(email) else {
                throw SegmentConnectorError.invalidPrincipal("\"\(email)\" is not an e-mail address")
            }
            self.email = email
            if let value = profile["role"] {
                guard case .stringValue(let role)? = value.kind, !role.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw SegmentConnectorError.invalidPrincipal("the profile's \"role\" must be a role name or id")
                }
                self.role = role.trimmingCharacters(in: .whitespaces)
            }
        }

        static func looksLikeEmail(_ text: String) -> Bool {
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
        }
    }

    /// The role a profile names, by id first, then by name (case-insensitive).
    static func role(named reference: String, in roles: RoleDirectory) -> Role? {
        roles[reference] ?? roles.all.first { roles.name(of: $0).lowercased() == reference.lowercased() }
    }

    /// What an invitation has read so far.
    struct InvitationState: Sendable {
        var permissions: [InvitePermission]?
        var parent = ResourceId(SegmentResourceTypes.workspace.id, "")
    }

    /// Invites the person `accountInfo` names, unless they are a member or invited already
    /// (then "already exists", no write); runs to the response.
    func invitationPlan(_ accountInfo: AccountInfo, _ credentialOptions: CredentialOptions) async throws
        -> ProvisioningPlan<CreateAccountResponse>
    {
        let request = try InvitationRequest(accountInfo: accountInfo, credentialOptions: credentialOptions)
        let email = request.email
        var plan = SegmentCallPlan<InvitationState, CreateAccountResponse>(state: InvitationState(), locks: locks) { state in
            var pending = CreateAccountResponse.ActionRequiredResult()
            pending.resource = InviteSyncer.resource(email: email, parent: state.parent)
            pending.message = "invitation sent to \(email); the account is pending until they accept it"
            pending.isCreateAccountResult = true
            var response = CreateAccountResponse()
            response.result = .actionRequired(pending)
            return response
        }
        plan.lockPrincipal(ProvisioningPrincipal.invite(email: email).lockKey)
        if let reference = request.role {
            plan.step(.read("listRoles", "GET /roles — resolve the role \"\(reference)\" (by id, else by name)")) { [self] state in
                guard let role = Self.role(named: reference, in: try await roles()) else {
                    throw SegmentConnectorError.notFound("role \"\(reference)\" does not exist in the workspace")
                }
                state.permissions = [
                    InvitePermission(roleId: role.id, resources: [InviteResource(id: try await workspaceId(), type: .workspace)])
                ]
                return .next
            }
        }
        let workspaceRead: [PlannedCall] = await memo.workspace == nil ? [.read("getWorkspace", "GET / — the token's workspace")] : []
        plan.append(calls: workspaceRead) { [self] state in
            state.parent = ResourceId(SegmentResourceTypes.workspace.id, try await workspaceId())
            return .next
        }
        plan.step(.read("listUsers", "GET /users (all pages) — is \(email) already a member? (yes: already exists)")) { [self] state in
            let wanted = email.lowercased()
            for try await user in client.allUsers() where user.email?.lowercased() == wanted {
                return .done(Self.alreadyExists(UserSyncer.resource(user, parent: state.parent, workspaceSlug: await memo.workspace?.slug)))
            }
            return .next
        }
        plan.step(.read("listInvites", "GET /invites (all pages) — is \(email) already invited? (yes: already exists)")) { [self] state in
            let wanted = email.lowercased()
            for try await invited in client.allInvites() where invited.lowercased() == wanted {
                return .done(Self.alreadyExists(InviteSyncer.resource(email: invited, parent: state.parent)))
            }
            return .next
        }
        let workspace = await workspaceForLines()
        let shownPermissions = request.role.map { "<id of role \($0)>" }.map {
            [InvitePermission(roleId: $0, resources: [InviteResource(id: workspace, type: .workspace)])]
        }
        let body = CallLines.json(CallLines.Invites(invites: [InviteInput(email: email, permissions: shownPermissions)]))
        plan.step(.write("createInvites", "POST /invites \(body)")) { [self] state in
            do {
                try await client.createInvites([InviteInput(email: email, permissions: state.permissions)])
            } catch SegmentAPIError.validation(_, 422, let message, _) where message.lowercased().contains("already") {
                // Invited or joined between our check and the write.
                return .done(Self.alreadyExists(InviteSyncer.resource(email: email, parent: state.parent)))
            }
            return .next
        }
        return plan.erased
    }

    /// `DELETE /invites?emails.0=…` after checking the invitation is still pending; runs to the
    /// response annotations (`ResourceDoesNotExist` when it was already gone).
    func inviteWithdrawalPlan(_ email: String) -> ProvisioningPlan<[Annotation]> {
        var plan = SegmentCallPlan<NoState, [Annotation]>(state: NoState(), locks: locks) { _ in [] }
        plan.lockPrincipal(ProvisioningPrincipal.invite(email: email).lockKey)
        plan.step(.read("listInvites", "GET /invites (all pages) — is \(email) still pending? (no: already gone)")) { [self] _ in
            try await inviteExists(email) ? .next : .done(Self.alreadyGone)
        }
        plan.step(.write("deleteInvites", "DELETE /invites?emails.0=\(email)")) { [self] _ in
            do { try await client.deleteInvites(emails: [email]) } catch SegmentAPIError.notFound { return .done(Self.alreadyGone) }
            return .next
        }
        return plan.erased
    }

    private static func alreadyExists(_ resource: Resource) -> CreateAccountResponse {
        var existing = CreateAccountResponse.AlreadyExistsResult()
        existing.resource = resource
        existing.isCreateAccountResult = true
        var response = CreateAccountResponse()
        response.result = .alreadyExists(existing)
        return response
    }

    /// Reported by `capabilities`: invitations need no password.
    static var accountProvisioningDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning {
        var details = C1_Connector_V2_CredentialDetailsAccountProvisioning()
        details.supportedCredentialOptions = [.noPassword]
        details.preferredCredentialOption = .noPassword
        return details
    }
}

/// The text of a profile value, or nil when it is not a string.
private func text(_ value: Google_Protobuf_Value?) -> String? {
    if case .stringValue(let text)? = value?.kind { return text }
    return nil
}
