import BatonKit
import Foundation
import SegmentAPI
import SwiftProtobuf

/// Creating a Segment account means inviting the person: `POST /invites` with their e-mail and,
/// optionally, one workspace-wide role. The account stays pending until they accept, so the
/// result is "action required" with the invite as the resource. No password is ever involved.
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
                throw SegmentConnectorError.invalidPrincipal("an e-mail address is required to invite someone to Segment (--create-account-email)")
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

    func createAccount(accountInfo: AccountInfo, credentialOptions: CredentialOptions) async throws -> CreateAccountResponse {
        let request = try InvitationRequest(accountInfo: accountInfo, credentialOptions: credentialOptions)
        return try await locks.withLock(ProvisioningPrincipal.invite(email: request.email).lockKey) {
            var permissions: [InvitePermission]?
            if let reference = request.role {
                guard let role = Self.role(named: reference, in: try await roles()) else {
                    throw SegmentConnectorError.notFound("role \"\(reference)\" does not exist in the workspace")
                }
                permissions = [InvitePermission(roleId: role.id, resources: [InviteResource(id: try await workspaceId(), type: .workspace)])]
            }
            let parent = ResourceId(SegmentResourceTypes.workspace.id, try await workspaceId())
            if let existing = try await existingAccount(request.email, parent: parent) {
                return Self.alreadyExists(existing)
            }
            do {
                try await client.createInvites([InviteInput(email: request.email, permissions: permissions)])
            } catch SegmentAPIError.validation(_, 422, let message, _) where message.lowercased().contains("already") {
                // Invited or joined between our check and the write.
                return Self.alreadyExists(InviteSyncer.resource(email: request.email, parent: parent))
            }
            var pending = CreateAccountResponse.ActionRequiredResult()
            pending.resource = InviteSyncer.resource(email: request.email, parent: parent)
            pending.message = "invitation sent to \(request.email); the account is pending until they accept it"
            pending.isCreateAccountResult = true
            var response = CreateAccountResponse()
            response.result = .actionRequired(pending)
            return response
        }
    }

    /// The member or pending invite already using `email` (case-insensitive), paging both lists.
    func existingAccount(_ email: String, parent: ResourceId) async throws -> Resource? {
        let wanted = email.lowercased()
        for try await user in client.allUsers() where user.email?.lowercased() == wanted {
            return UserSyncer.resource(user, parent: parent, workspaceSlug: await memo.workspace?.slug)
        }
        for try await invited in client.allInvites() where invited.lowercased() == wanted {
            return InviteSyncer.resource(email: invited, parent: parent)
        }
        return nil
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
