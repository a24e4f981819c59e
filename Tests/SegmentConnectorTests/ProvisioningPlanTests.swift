import BatonKit
import Foundation
import SegmentSimulator
import Testing

@testable import SegmentConnector

/// `--dry-run` and execution read one description: for each kind of operation, the lines the
/// planner prints are the plan's calls, and the writes the simulator records while the operation
/// runs are exactly the plan's writes (the reads it records are among the plan's reads).
@Suite struct ProvisioningPlanTests {
    @Test func dryRunAndExecutionComeFromOnePlan() async throws {
        try await ProvisioningHarness.run { h in
            let initial = await h.snapshot()
            let nonOwners = initial.users.filter { user in !initial.workspaceOwners.contains { $0.id == user.id } }
            let slug = ExpectedWorkspace.roleSlug("Source Admin")
            // A label-scoped role a user holds directly (not through a group).
            let labelledGrant = try #require(
                ExpectedWorkspace(initial).directGrants.sorted().first {
                    $0.contains(":member:labels:") && $0.contains(":user:")
                })
            let labelled = try #require(h.synced.grants[labelledGrant])
            let labelledUser = labelled.principal.id.resource
            // A group with a member to remove (not the labelled user, whose grants the test uses).
            let group = try #require(
                initial.groups.first { group in
                    nonOwners.contains { group.members.contains($0.id) && $0.id != labelledUser }
                })
            let joiner = try #require(nonOwners.first { !group.members.contains($0.id) })
            let member = try #require(nonOwners.first { group.members.contains($0.id) && $0.id != labelledUser })
            let source = try #require(
                initial.sources.first { source in
                    !h.synced.grants.keys.contains("source:\(source.id):\(slug):group:\(group.id)")
                })
            let invitee = try #require(initial.invites.first { !group.inviteMembers.contains($0.email) })
            let leaver = try #require(nonOwners.last { $0.id != member.id && $0.id != joiner.id && $0.id != labelledUser })
            let groupMember = "group:\(group.id):member"

            func grant(_ entitlementId: String, to type: String, _ id: String) throws -> ProvisioningOperation {
                .grant(principal: try h.resource(type, id), entitlement: try h.entitlement(entitlementId))
            }
            func revoke(_ entitlementId: String, from type: String, _ id: String) throws -> ProvisioningOperation {
                .revoke(grant: Grant.make(entitlement: try h.entitlement(entitlementId), principal: try h.resource(type, id)))
            }
            var invitation = AccountInfo()
            var address = C1_Connector_V2_AccountInfo.Email()
            address.address = "plan@example.net"
            address.isPrimary = true
            invitation.emails = [address]
            var noPassword = CredentialOptions()
            noPassword.noPassword = C1_Connector_V2_CredentialOptions.NoPassword()

            let cases: [(String, String, ProvisioningOperation)] = [
                ("role on a source, to a group", "source", try grant("source:\(source.id):\(slug)", to: "group", group.id)),
                ("the same, revoked", "source", try revoke("source:\(source.id):\(slug)", from: "group", group.id)),
                (
                    "label-scoped role, revoked from a user", "role",
                    try revoke(labelled.entitlement.id, from: "user", labelled.principal.id.resource)
                ),
                ("label-scoped role, granted back", "role", try grant(labelled.entitlement.id, to: "user", labelled.principal.id.resource)),
                ("group membership, to a user", "group", try grant(groupMember, to: "user", joiner.id)),
                ("group membership, to an invitee", "group", try grant(groupMember, to: "invite", invitee.email)),
                ("group membership, revoked from a user", "group", try revoke(groupMember, from: "user", member.id)),
                ("group membership, revoked from an invitee", "group", try revoke(groupMember, from: "invite", invitee.email)),
                ("an account, by invitation", "user", .createAccount(accountInfo: invitation, credentialOptions: noPassword)),
                ("an invitation, withdrawn", "invite", .delete(resourceId: ResourceId("invite", "plan@example.net"))),
                (
                    "workspace membership, revoked", "workspace",
                    try revoke("workspace:\(initial.workspace.id):member", from: "user", leaver.id)
                ),
                ("a user, deleted", "user", .delete(resourceId: ResourceId("user", joiner.id))),
                (
                    "a group, deleted", "group",
                    .delete(resourceId: ResourceId("group", try #require(initial.groups.first { $0.id != group.id }).id))
                ),
            ]
            for (name, type, operation) in cases {
                let syncer = try #require(h.connector.syncer(for: type) as? any SegmentProvisioning, "\(type) is not provisioned")
                let calls = try await syncer.provisioner.calls(for: operation, resourceType: type)
                #expect(try await syncer.plan(operation) == calls.map(\.line), "\(name): --dry-run prints the plan's lines")
                #expect(!calls.filter { $0.kind == .write }.isEmpty, "\(name): the case must write")

                let before = await h.simulator.stats().requests
                try await Self.perform(operation, type: type, on: h)
                let after = await h.simulator.stats().requests
                let made = after.reduce(into: [String: Int]()) { made, entry in
                    let count = entry.value - before[entry.key, default: 0]
                    if count > 0 { made[entry.key] = count }
                }
                let writes = made.filter { ProvisioningHarness.writeOperations.contains($0.key) }
                let plannedWrites = calls.filter { $0.kind == .write }.reduce(into: [String: Int]()) { $0[$1.operation, default: 0] += 1 }
                #expect(
                    writes == plannedWrites, "\(name): the writes made are the writes planned\n\(calls.map(\.line).joined(separator: "\n"))"
                )
                #expect(
                    Set(made.keys).isSubset(of: Set(calls.map(\.operation))),
                    "\(name): \(made.keys.sorted()) made, \(calls.map(\.operation)) planned")
            }
        }
    }

    /// Runs `operation` the way the runner would, through the protocol for its kind.
    static func perform(_ operation: ProvisioningOperation, type: String, on h: ProvisioningHarness) async throws {
        switch operation {
        case .grant(let principal, let entitlement):
            _ = try await h.provisioner(type).grant(principal: principal, entitlement: entitlement)
        case .revoke(let grant):
            _ = try await h.provisioner(type).revoke(grant: grant)
        case .createAccount(let info, let options):
            _ = try await #require(h.connector.accountManager(for: type)).createAccount(accountInfo: info, credentialOptions: options)
        case .delete(let id):
            _ = try await #require(h.connector.resourceDeleter(for: type)).delete(resourceId: id)
        }
    }
}
