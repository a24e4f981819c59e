import BatonKit
import SegmentAPI

/// `group:<id>:member` for users and pending invitees. Segment adds and removes members by
/// e-mail, so a user's is read fresh; the group's members (users, or pending invitees) are paged
/// fresh before any write, and nothing is written when there is nothing to change.
extension GroupSyncer: SegmentGrantProvisioning {}

extension SegmentProvisioner {
    /// What a membership change has read so far: the e-mail Segment addresses the member by.
    struct MembershipState: Sendable {
        var email = ""
    }

    /// `POST /groups/{id}/users {emails}` unless already a member; runs to true when it wrote.
    func groupMembershipGrantPlan(
        _ who: ProvisioningPrincipal, toGroup groupId: String, entitlement: Entitlement,
        target: ProvisioningTarget
    ) async -> ProvisioningPlan<Bool> {
        var plan = SegmentCallPlan(state: MembershipState(), locks: locks) { _ in true }
        await checkWorkspaceStep(entitlement, target: target, in: &plan)
        plan.lockPrincipal(who.lockKey)
        if case .invite(let email) = who {
            plan.step(.read("listInvites", "GET /invites (all pages) — is \(email) still invited?")) { [self] state in
                state.email = email
                guard try await inviteExists(email) else {
                    throw SegmentConnectorError.notFound("there is no pending invitation for \(email)")
                }
                return .next
            }
        } else {
            plan.step(.read("getUser", "GET /users/\(who.id) — the user's e-mail")) { [self] state in
                state.email = try await email(of: who)
                return .next
            }
        }
        plan.step(memberCheck(who, of: groupId)) { [self] state in
            try await isMember(who, email: state.email, of: groupId) ? .done(false) : .next
        }
        let body = CallLines.json(CallLines.Emails(emails: [who.emailForLines]))
        plan.step(.write("addUsersToUserGroup", "POST /groups/\(groupId)/users \(body) — unless already a member")) { [self] state in
            try await client.addUsersToUserGroup(groupId: groupId, emails: [state.email])
            return .next
        }
        return plan.erased
    }

    /// `DELETE /group/{id}/users?emails.0=…` only if a member; runs to true when it wrote.
    func groupMembershipRevokePlan(
        _ who: ProvisioningPrincipal, fromGroup groupId: String, entitlement: Entitlement,
        target: ProvisioningTarget
    ) async -> ProvisioningPlan<Bool> {
        var plan = SegmentCallPlan(state: MembershipState(), locks: locks) { _ in true }
        await checkWorkspaceStep(entitlement, target: target, in: &plan)
        plan.lockPrincipal(who.lockKey)
        // An invitee's e-mail is their id: no request.
        let emailRead: [PlannedCall] = if case .user = who { [.read("getUser", "GET /users/\(who.id) — the user's e-mail")] } else { [] }
        plan.append(calls: emailRead) { [self] state in
            do {
                state.email = try await email(of: who)
            } catch SegmentConnectorError.notFound {
                return .done(false)  // the user left the workspace, and with it every group
            }
            return .next
        }
        plan.step(memberCheck(who, of: groupId)) { [self] state in
            try await isMember(who, email: state.email, of: groupId) ? .next : .done(false)
        }
        plan.step(.write("removeUsersFromUserGroup", "DELETE /group/\(groupId)/users?emails.0=\(who.emailForLines) — only if a member")) {
            [self] state in
            try await client.removeUsersFromUserGroup(groupId: groupId, emails: [state.email])
            return .next
        }
        return plan.erased
    }

    /// The paging read that tells whether `who` is a member already.
    private func memberCheck(_ who: ProvisioningPrincipal, of groupId: String) -> PlannedCall {
        if case .user = who {
            return .read("listUsersFromUserGroup", "GET /groups/\(groupId)/users (all pages) — is \(who) already a member?")
        }
        return .read("listInvitesFromUserGroup", "GET /groups/\(groupId)/invites (all pages) — is \(who.id) already a pending member?")
    }

    /// Whether the principal is among the group's users (by id) or pending invitees (by e-mail).
    func isMember(_ principal: ProvisioningPrincipal, email: String, of groupId: String) async throws -> Bool {
        do {
            switch principal {
            case .user(let id):
                for try await member in client.allUsersFromUserGroup(groupId: groupId) where member.id == id { return true }
            case .invite:
                let wanted = email.lowercased()
                for try await invited in client.allInvitesFromUserGroup(groupId: groupId) where invited.lowercased() == wanted {
                    return true
                }
            case .group:
                throw SegmentConnectorError.invalidPrincipal("a group cannot be a member of a group (\(principal))")
            }
            return false
        } catch SegmentAPIError.notFound {
            throw SegmentConnectorError.notFound("group \(groupId) does not exist in the workspace")
        }
    }
}
