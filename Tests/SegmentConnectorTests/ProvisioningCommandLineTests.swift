import BatonKit
import Foundation
import SegmentSimulator
import Testing

@testable import SegmentConnector

/// The one-shot flags against a synced c1z: account creation by invitation, deprovisioning,
/// and `--dry-run` printing the Segment calls while making none.
@Suite struct ProvisioningCommandLineTests {
    @Test func creatingAnAccountSendsAnInvitation() async throws {
        try await ProvisioningHarness.run { h in
            let initial = await h.snapshot()
            let sourceAdmin = try #require(initial.roleId(named: "Source Admin"))
            let outcome = try await h.runner(
                .createAccount(
                    login: nil, email: "ada@example.net",
                    profileJSON: #"{"role":"source admin"}"#, resourceType: nil)
            ).run()
            guard case .accountCreated(let response) = outcome, case .actionRequired(let pending)? = response.result else {
                Issue.record("not a pending invitation: \(outcome.line)"); return
            }
            #expect(pending.resource.id.key == "invite:ada@example.net")
            #expect(pending.message.contains("pending"))
            #expect(pending.isCreateAccountResult)
            let invite = try #require(await h.snapshot().invites.first { $0.email == "ada@example.net" })
            #expect(SnapshotTuples.of(invite.permissions) == ["\(sourceAdmin)|WORKSPACE|\(initial.workspace.id)|"])

            // By role id, and without a role.
            _ = try await h.runner(
                .createAccount(login: nil, email: "bo@example.net", profileJSON: #"{"role":"\#(sourceAdmin)"}"#, resourceType: nil)
            ).run()
            _ = try await h.runner(.createAccount(login: "cy@example.net", email: nil, profileJSON: nil, resourceType: nil)).run()
            let invites = await h.snapshot().invites
            #expect(SnapshotTuples.of(invites.first { $0.email == "bo@example.net" }?.permissions ?? []).count == 1)
            #expect(invites.first { $0.email == "cy@example.net" }?.permissions == [])

            // Already a member, already invited: "already exists", no write.
            let writes = await h.writes()
            for email in [initial.users[2].email.uppercased(), initial.invites[0].email, "ada@example.net"] {
                let again = try await h.runner(.createAccount(login: nil, email: email, profileJSON: nil, resourceType: nil)).run()
                guard case .accountCreated(let response) = again, case .alreadyExists? = response.result else {
                    Issue.record("\(email): \(again.line)"); continue
                }
            }
            // An unknown role or a malformed e-mail: refused, no write.
            for (email, profile, text) in [
                ("dee@example.net", #"{"role":"Chief Vibes Officer"}"#, "role \"Chief Vibes Officer\" does not exist"),
                ("not-an-email", nil, "is not an e-mail address"),
            ] {
                do {
                    _ = try await h.runner(.createAccount(login: nil, email: email, profileJSON: profile, resourceType: nil)).run()
                    Issue.record("\(email) was accepted")
                } catch {
                    expectOneLineFailure(error, containing: text)
                }
            }
            #expect(await h.writes() == writes)
            #expect(!(await h.snapshot().invites.contains { $0.email == "dee@example.net" }))
        }
    }

    @Test func deprovisioningUsersInvitesAndGroups() async throws {
        try await ProvisioningHarness.run { h in
            let initial = await h.snapshot()
            let user = try #require(initial.groups.flatMap(\.members).first { id in !initial.workspaceOwners.contains { $0.id == id } })
            let invite = initial.invites[0].email
            let group = initial.groups[0].id

            #expect(try await h.runner(.deleteResource(resourceType: "user", resourceId: user)).run().line == "resource deleted")
            #expect(try await h.runner(.deleteResource(resourceType: "invite", resourceId: invite)).run().line == "resource deleted")
            #expect(try await h.runner(.deleteResource(resourceType: "group", resourceId: group)).run().line == "resource deleted")
            let after = await h.snapshot()
            #expect(after.user(id: user) == nil)
            #expect(!after.groups.contains { $0.members.contains(user) || $0.inviteMembers.contains(invite) })
            #expect(!after.invites.contains { $0.email == invite })
            #expect(after.group(id: group) == nil)
            #expect(after.users.count == initial.users.count - 1 && after.groups.count == initial.groups.count - 1)

            // Already gone: success, said so, no write.
            let writes = await h.writes()
            for (type, id) in [("user", user), ("invite", invite), ("group", group)] {
                #expect(try await h.runner(.deleteResource(resourceType: type, resourceId: id)).run().line == "resource did not exist")
            }
            // Revoking a user's workspace membership removes them too.
            let other = try #require(after.users.first { user in !initial.workspaceOwners.contains { $0.id == user.id } })
            #expect(
                try await h.runner(.revoke(grantId: "workspace:\(initial.workspace.id):member:user:\(other.id)")).run().line == "revoked")
            #expect(await h.snapshot().user(id: other.id) == nil)
            #expect(await h.writes() == writes + 1)

            // Groups are created by name (ResourceCreator), and granting workspace membership to a
            // present user is GrantAlreadyExists.
            let creator = try #require(h.connector.resourceCreator(for: "group"))
            let created = try await creator.createResource(Resource.make(id: ResourceId("group", ""), displayName: "Auditors"))
            #expect(created.created.displayName == "Auditors")
            #expect(await h.snapshot().group(id: created.created.id.resource)?.name == "Auditors")
            let present = try #require(after.users.last)
            #expect(
                try await h.grant("workspace:\(initial.workspace.id):member", to: "user", present.id)
                    .annotations.contains(C1_Connector_V2_GrantAlreadyExists.self))
        }
    }

    @Test func dryRunPrintsTheSegmentCallsAndMakesNone() async throws {
        try await ProvisioningHarness.run { h in
            let initial = await h.snapshot()
            let group = initial.groups[0].id
            let source = initial.sources[0].id
            let slug = ExpectedWorkspace.roleSlug("Source Admin")
            let labelled = try #require(h.synced.grants.keys.sorted().first { $0.contains(":member:labels:") && $0.contains(":user:") })
            let user = try #require(initial.users.first { user in !initial.workspaceOwners.contains { $0.id == user.id } })
            let requests = await h.simulator.stats().total
            let cases: [(BatonConfiguration.Action, [String])] = [
                (
                    .grant(entitlementId: "source:\(source):\(slug)", principalType: "group", principalId: group),
                    ["GET /roles", "GET /groups/\(group) ", "POST /groups/\(group)/permissions", #""id":"\#(source)","type":"SOURCE""#]
                ),
                (.revoke(grantId: labelled), ["GET /users/", "PUT /users/", "labels included", "confirm"]),
                (
                    .grant(entitlementId: "group:\(group):member", principalType: "user", principalId: user.id),
                    ["GET /users/\(user.id)", "GET /groups/\(group)/users", "POST /groups/\(group)/users"]
                ),
                (
                    .createAccount(login: nil, email: "eve@example.net", profileJSON: #"{"role":"Workspace Member"}"#, resourceType: nil),
                    ["GET /roles", "GET /users (all pages)", "GET /invites (all pages)", "POST /invites", "eve@example.net"]
                ),
                (.deleteResource(resourceType: "user", resourceId: user.id), ["DELETE /users?userIds.0=\(user.id)"]),
                (.deleteResource(resourceType: "invite", resourceId: initial.invites[0].email), ["DELETE /invites?emails.0="]),
            ]
            for (action, mentions) in cases {
                let outcome = try await h.runner(action, dryRun: true).run()
                guard case .dryRun(let plan) = outcome else { Issue.record("\(action) was not a dry run"); continue }
                #expect(plan.contains("(none was made)"), "\(plan)")
                for text in mentions { #expect(plan.contains(text), "\(action): plan lacks \(text):\n\(plan)") }
            }
            // Bad input fails the same way in a dry run.
            await #expect(throws: SegmentConnectorError.self) {
                _ = try await h.runner(
                    .grant(entitlementId: "group:\(group):member", principalType: "group", principalId: initial.groups[1].id),
                    dryRun: true
                ).run()
            }
            #expect(await h.simulator.stats().total == requests, "a dry run sends no request at all")
            #expect(await h.snapshot() == initial)
        }
    }
}
