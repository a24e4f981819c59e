import BatonKit
import Foundation
import SegmentSimulator
import Testing

@testable import SegmentConnector

/// The issue's "done when": from a synced c1z of the simulator, every entitlement is granted to
/// a principal lacking it and every grant revoked, with the one-shot flags; after each, a fresh
/// sync differs from the one before by exactly that grant (plus the grants members inherit
/// through a group principal), checked against the independent oracle of the simulator's state.
@Suite struct ProvisioningEndToEndTests {
    @Test func everyEntitlementGrantsAndEveryGrantRevokesThroughTheOneShotFlags() async throws {
        try await ProvisioningHarness.run { h in
            let base = await h.snapshot()
            let baseExpected = ExpectedWorkspace(base)
            expectMatches(h.synced, baseExpected)
            let file = h.path("step.c1z")

            /// Runs `action`, syncs, and checks the new file against the oracle and the direct-grant change.
            func step(
                _ action: BatonConfiguration.Action, adds: Set<String> = [], removes: Set<String> = [],
                from before: ExpectedWorkspace, in stepFile: String
            ) async throws -> ExpectedWorkspace {
                _ = try await h.runner(action, file: stepFile).run()
                try await h.sync(into: file)
                let expected = ExpectedWorkspace(await h.snapshot())
                expectMatches(try SyncedFile(path: file), expected)
                #expect(expected.directGrants == before.directGrants.subtracting(removes).union(adds), "\(action)")
                return expected
            }

            // Every entitlement, granted to a principal lacking it (a group where the entitlement
            // takes groups and one lacks it, else a user), then revoked again.
            var granted = 0
            for (index, entitlement) in h.synced.entitlements.values.sorted(by: { $0.id < $1.id }).enumerated() {
                let types = entitlement.grantableTo.map(\.id)
                let lacking = { (type: String, ids: [String]) in
                    ids.first { !baseExpected.allGrants.contains("\(entitlement.id):\(type):\($0)") }
                }
                let group = types.contains("group") && index % 2 == 0 ? lacking("group", base.groups.map(\.id)) : nil
                guard let (type, principal) = group.map({ ("group", $0) }) ?? lacking("user", base.users.map(\.id)).map({ ("user", $0) })
                else {
                    #expect(entitlement.id.hasPrefix("workspace:"), "only workspace membership is held by every user: \(entitlement.id)")
                    continue
                }
                let grantId = "\(entitlement.id):\(type):\(principal)"
                let afterGrant = try await step(
                    .grant(entitlementId: entitlement.id, principalType: type, principalId: principal),
                    adds: [grantId], from: baseExpected, in: h.file)
                _ = try await step(.revoke(grantId: grantId), removes: [grantId], from: afterGrant, in: file)
                #expect(await h.snapshot().state == base.state, "\(grantId): state restored exactly")
                granted += 1
            }
            #expect(granted >= h.synced.entitlements.count - 1)

            // Every direct grant, revoked; restored afterwards (directly) so each step starts from
            // the same workspace. Workspace membership (it deletes the user) comes last.
            let direct = baseExpected.directGrants.sorted()
            let membership = direct.filter { $0.hasPrefix("workspace:") }
            let ownerGrants = Set(
                base.workspaceOwners.flatMap { owner in
                    [
                        "workspace:\(base.workspace.id):member:user:\(owner.id)",
                        "role:\(base.roleId(named: "Workspace Owner") ?? ""):member:user:\(owner.id)",
                    ]
                })
            var revoked = 0
            for grantId in direct where !membership.contains(grantId) {
                if ownerGrants.contains(grantId) {
                    await #expect(throws: SegmentConnectorError.self, "last owner: \(grantId)") {
                        _ = try await h.runner(.revoke(grantId: grantId)).run()
                    }
                    continue
                }
                _ = try await step(.revoke(grantId: grantId), removes: [grantId], from: baseExpected, in: h.file)
                let stored = try #require(h.synced.grants[grantId])
                let entitlement = try h.entitlement(stored.entitlement.id)
                _ = try await h.provisioner(entitlement.resource.id.resourceType)
                    .grant(
                        principal: try h.resource(stored.principal.id.resourceType, stored.principal.id.resource), entitlement: entitlement)
                #expect(await h.snapshot().state.sameGrants(as: base), "\(grantId): restored")
                revoked += 1
            }
            var current = ExpectedWorkspace(await h.snapshot())
            for grantId in membership where !ownerGrants.contains(grantId) {
                let user = String(grantId.split(separator: ":").last!)
                let gone = current.allGrants.filter { $0.hasSuffix(":user:\(user)") }
                _ = try await h.runner(.revoke(grantId: grantId)).run()
                try await h.sync(into: file)
                let expected = ExpectedWorkspace(await h.snapshot())
                expectMatches(try SyncedFile(path: file), expected)
                #expect(expected.allGrants == current.allGrants.subtracting(gone), "\(grantId): the user and their grants, nothing else")
                #expect(!expected.resources.contains("user:\(user)"))
                current = expected
                revoked += 1
            }
            #expect(revoked + ownerGrants.count == direct.count)
        }
    }
}

extension WorkspaceSnapshot {
    /// Same principals holding the same tuples and members (a re-grant may append a permission
    /// where the original grouped several resources under one).
    func sameGrants(as other: WorkspaceSnapshot) -> Bool {
        func key(_ s: WorkspaceSnapshot) -> [String] {
            s.users.map { "u \($0.id) \(SnapshotTuples.of($0.permissions).sorted())" }
                + s.groups.map {
                    "g \($0.id) \(SnapshotTuples.of($0.permissions).sorted()) \($0.members.sorted()) \($0.inviteMembers.sorted())"
                }
                + s.invites.map { "i \($0.email)" }
        }
        return key(self) == key(other)
    }
}
