import BatonKit
import Foundation
import SegmentAPI
import SegmentSimulator
import Testing

@testable import SegmentConnector

/// Bad input, the last Workspace Owner, inherited grants and the IAM write budget: clear
/// one-line errors, non-zero exits and not a single write.
@Suite struct ProvisioningSafetyTests {
    @Test func badInputIsRefusedWithoutAnyWrite() async throws {
        try await ProvisioningHarness.run { h in
            let initial = await h.snapshot()
            let (g1, g2) = (initial.groups[0].id, initial.groups[1].id)
            let user = initial.users[3].id
            let source = initial.sources[0].id
            let writes = await h.writes()

            func refused(_ text: String, _ operation: () async throws -> Void) async {
                do {
                    try await operation()
                    Issue.record("expected a refusal mentioning \(text)")
                } catch {
                    expectOneLineFailure(error, containing: text)
                }
            }
            // Through the one-shot flags: ids not in the file, a group into a group, provisioning off.
            await refused("entitlement role:nope:member not found") {
                _ = try await h.runner(.grant(entitlementId: "role:nope:member", principalType: "user", principalId: user)).run()
            }
            await refused("grant nope not found") { _ = try await h.runner(.revoke(grantId: "nope")).run() }
            await refused("cannot be granted to group:\(g2)") {
                _ = try await h.runner(.grant(entitlementId: "group:\(g1):member", principalType: "group", principalId: g2)).run()
            }
            await refused("provisioning is not enabled") {
                _ = try await h.runner(.revoke(grantId: "workspace:\(initial.workspace.id):member:user:\(user)"), provisioning: false).run()
            }
            // Directly: an unknown slug, a role and a user that do not exist, an invite holding a role.
            let roles = try h.provisioner("source")
            var bogus = try h.entitlement("source:\(source):\(ExpectedWorkspace.roleSlug("Source Admin"))")
            bogus.id = "source:\(source):no_such_role"
            await refused("unknown entitlement source:\(source):no_such_role") {
                _ = try await roles.grant(principal: try h.resource("user", user), entitlement: bogus)
            }
            var ghostRole = try h.entitlement("role:\(initial.roles[0].id):member")
            ghostRole.resource.id.resource = "ghostRole"
            ghostRole.id = "role:ghostRole:member"
            await refused("role ghostRole does not exist") {
                _ = try await h.provisioner("role").grant(principal: try h.resource("user", user), entitlement: ghostRole)
            }
            await refused("user ghost does not exist") {
                _ = try await h.provisioner("role").grant(
                    principal: Resource.make(id: ResourceId("user", "ghost"), displayName: "ghost"),
                    entitlement: try h.entitlement("role:\(initial.roles[0].id):member"))
            }
            await refused("cannot be granted to invite:") {
                _ = try await h.grant("role:\(initial.roles[0].id):member", to: "invite", initial.invites[0].email)
            }
            // A user in the file whom Segment no longer has.
            _ = try await h.client.deleteUsers(ids: [user])
            let afterDelete = await h.snapshot()
            let writesAfterDelete = await h.writes()
            await refused("user \(user) does not exist") {
                _ = try await h.runner(
                    .grant(
                        entitlementId: "source:\(source):\(ExpectedWorkspace.roleSlug("Source Admin"))",
                        principalType: "user", principalId: user)
                ).run()
            }
            #expect(await h.writes() == writesAfterDelete)
            #expect(await h.snapshot().state == afterDelete.state)
            #expect(writesAfterDelete == writes + 1, "only the test's own delete was a write")
        }
    }

    @Test func inheritedGrantsAreRefusedNamingTheGroup() async throws {
        try await ProvisioningHarness.run { h in
            let inherited = try #require(
                h.synced.grants.values.first { grant in
                    let sources = grant.sources.sources
                    return !sources.isEmpty && sources[grant.entitlement.id] == nil
                })
            let group = try #require(inherited.sources.sources.keys.first?.split(separator: ":").dropFirst().first)
            let writes = await h.writes()
            let before = await h.snapshot()
            await #expect(throws: SegmentConnectorError.self) { _ = try await h.runner(.revoke(grantId: inherited.id)).run() }
            do {
                _ = try await h.runner(.revoke(grantId: inherited.id)).run()
            } catch {
                expectOneLineFailure(error, containing: "inherited through group \(group)")
            }
            #expect(await h.writes() == writes)
            #expect(await h.snapshot().state == before.state)
        }
    }

    @Test func theLastWorkspaceOwnerIsKept() async throws {
        try await ProvisioningHarness.run { h in
            let initial = await h.snapshot()
            let owner = try #require(initial.workspaceOwners.first)
            #expect(initial.workspaceOwners.count == 1)
            let ownerRole = try #require(initial.roleId(named: "Workspace Owner"))
            let ownerGrant = "role:\(ownerRole):member"
            let writes = await h.writes()
            for attempt: BatonConfiguration.Action in [
                .revoke(grantId: "\(ownerGrant):user:\(owner.id)"),
                .revoke(grantId: "workspace:\(initial.workspace.id):member:user:\(owner.id)"),
                .deleteResource(resourceType: "user", resourceId: owner.id),
            ] {
                do {
                    _ = try await h.runner(attempt).run()
                    Issue.record("\(attempt) was not refused")
                } catch {
                    expectOneLineFailure(error, containing: "refused: \(owner.id) is the workspace's last Workspace Owner")
                }
            }
            #expect(await h.writes() == writes)
            #expect(await h.snapshot().state == initial.state)

            // With a second owner the first may go; then the second is the last.
            let second = try #require(initial.users.first { $0.id != owner.id })
            try await h.grant(ownerGrant, to: "user", second.id)
            try await h.revoke(ownerGrant, from: "user", owner.id)
            #expect(await h.snapshot().workspaceOwners.map(\.id) == [second.id])
            await #expect(throws: SegmentConnectorError.self) { try await h.revoke(ownerGrant, from: "user", second.id) }
            #expect(await h.snapshot().workspaceOwners.map(\.id) == [second.id])
        }
    }

    /// A burst of IAM writes at the budget: Segment allows 60 a minute; here the simulator allows
    /// 30 per 3-second window (600 a minute; the client paces at 480, a margin under it) so the burst
    /// takes seconds, not minutes. Unpaced, 40 writes would overrun a window and draw 429s.
    @Test func aBurstOfWritesStaysWithinTheBudget() async throws {
        try await ProvisioningHarness.run(
            simulator: {
                $0.writeRatePerMinute = 30; $0.rateLimitWindowSeconds = 3
            },
            writesPerMinute: 480
        ) { h in  // 8 a second, a margin under the window's 10
            let initial = await h.snapshot()
            let slug = ExpectedWorkspace.roleSlug("Source Read-only")
            var pairs: [(String, String)] = []
            for user in initial.users {
                for source in initial.sources where !h.synced.grants.keys.contains("source:\(source.id):\(slug):user:\(user.id)") {
                    pairs.append((user.id, source.id))
                }
            }
            let burst = Array(pairs.prefix(40))
            #expect(burst.count == 40)
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (user, source) in burst { group.addTask { try await h.grant("source:\(source):\(slug)", to: "user", user) } }
                try await group.waitForAll()
            }
            let elapsed = ContinuousClock.now - started
            let stats = await h.simulator.stats()
            #expect(stats["addPermissionsToUser"] == 40)
            #expect(stats.http429 == 0, "the client's pacing kept every write inside the window")
            #expect(elapsed >= .seconds(3.9), "40 writes at 10 a second")
            let roleId = try #require(initial.roleId(named: "Source Read-only"))
            let after = await h.snapshot()
            for (user, source) in burst { #expect(SnapshotTuples.user(user, in: after).contains("\(roleId)|SOURCE|\(source)|")) }
        }
    }

    @Test func capabilitiesMatchWhatIsWired() async throws {
        try await ProvisioningHarness.run { h in
            let capabilities = Capabilities.of(h.connector)
            var byType: [String: [C1_Connector_V2_Capability]] = [:]
            for entry in capabilities.resourceTypeCapabilities { byType[entry.resourceType.id] = entry.capabilities }
            #expect(
                byType == [
                    "workspace": [.sync, .targetedSync, .provision],
                    "user": [.sync, .targetedSync, .accountProvisioning, .resourceDelete],
                    "invite": [.sync, .targetedSync, .resourceDelete],
                    "group": [.sync, .targetedSync, .provision, .resourceDelete, .resourceCreate],
                    "role": [.sync, .targetedSync, .provision],
                    "source": [.sync, .targetedSync, .provision], "warehouse": [.sync, .targetedSync, .provision],
                    "function": [.sync, .targetedSync, .provision], "space": [.sync, .targetedSync, .provision],
                ])
            #expect(
                capabilities.connectorCapabilities == [
                    .provision, .sync, .accountProvisioning, .resourceCreate, .resourceDelete,
                    .targetedSync, .eventFeedV2,
                ])
            let details = capabilities.credentialDetails.capabilityAccountProvisioning
            #expect(details.supportedCredentialOptions == [.noPassword])
            #expect(details.preferredCredentialOption == .noPassword)
        }
    }
}
