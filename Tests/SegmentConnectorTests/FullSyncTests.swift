import BatonKit
import Foundation
import SegmentSimulator
import TestSupport
import Testing

/// End-to-end: the real connector syncs a simulated workspace into a real c1z, and what the file
/// holds is exactly what the oracle computes from the simulator's snapshot.
@Suite("Full sync against the simulator")
struct FullSyncTests {
    @Test(
        "a generated workspace becomes exactly the expected resources, entitlements and grants",
        arguments: ["demo", "small"])
    func workspaceMatchesSnapshot(preset: String) async throws {
        let size = try #require(WorkspaceSize.preset(preset))
        try await SyncFixture.run(size: size) { fixture in
            let logs = CapturedLogs()
            let file = fixture.path("sync.c1z")
            let summary = try await fixture.sync(into: file, logs: logs)
            let synced = try SyncedFile(path: file)
            let expected = fixture.expected
            expectMatches(synced, expected)
            expectDataModelNames(synced, fixture.snapshot)
            #expect(synced.resourceTypes == ["workspace", "user", "invite", "group", "role", "source", "warehouse", "function", "space"])
            #expect(summary.resources == expected.resources.count)
            #expect(summary.entitlements == expected.entitlements.count)
            #expect(summary.grants == expected.directGrants.count)
            #expect(summary.expandedGrants == expected.expandedOnlyGrants.count)
            #expect(logs.warnings.isEmpty, "a business-plan sync warns about nothing: \(logs.warnings.map(\.message))")
        }
    }

    /// Guards the other tests against passing vacuously: the fixture exercises every kind of
    /// object and grant the data model describes.
    @Test("the demo workspace exercises every kind of resource, entitlement and grant")
    func fixtureIsNotVacuous() async throws {
        try await SyncFixture.run(size: .demo) { fixture in
            let expected = fixture.expected
            for type in ["user", "invite", "group", "role", "source", "warehouse", "function", "space"] {
                #expect(expected.resources.contains { $0.hasPrefix("\(type):") }, "no \(type) resources")
            }
            #expect(!expected.labelScopedEntitlements.isEmpty)
            #expect(!expected.groupHeldGrants.isEmpty)
            #expect(!expected.expandedOnlyGrants.isEmpty)
            #expect(expected.directGrants.contains { $0.contains(":invite:") }, "no invitee group memberships")
            for kind in ["source", "warehouse", "function", "space"] {
                #expect(expected.directGrants.contains { $0.hasPrefix("\(kind):") }, "no grants on a \(kind)")
            }
        }
    }

    @Test("label-scoped permissions become label-scoped role grants, for users and groups")
    func labelScopedRoleGrants() async throws {
        try await SyncFixture.run(size: .small) { fixture in
            let file = fixture.path("sync.c1z")
            try await fixture.sync(into: file)
            let synced = try SyncedFile(path: file)
            var checked = 0
            let principals =
                fixture.snapshot.users.map { ("user", $0.id, $0.permissions) }
                + fixture.snapshot.groups.map { ("group", $0.id, $0.permissions) }
            for (type, id, permissions) in principals {
                for permission in permissions {
                    for resource in permission.resources where resource.type == "WORKSPACE" && !(resource.labels ?? []).isEmpty {
                        let labels = resource.labels ?? []
                        let entitlementId = "role:\(permission.roleId):member:labels:\(ExpectedWorkspace.labelSlug(labels))"
                        let entitlement = synced.entitlements[entitlementId]
                        #expect(entitlement != nil, "missing entitlement \(entitlementId)")
                        for label in labels {
                            #expect(entitlement?.displayName.contains("\(label.key)=\(label.value)") == true)
                        }
                        #expect(
                            synced.grants["\(entitlementId):\(type):\(id)"] != nil, "missing grant of \(entitlementId) to \(type):\(id)")
                        checked += 1
                    }
                }
            }
            #expect(checked > 0, "the small workspace has no label-scoped permission to check")
        }
    }

    @Test("user resources carry a UserTrait with the primary e-mail and login")
    func userTraits() async throws {
        try await SyncFixture.run(size: .demo) { fixture in
            let file = fixture.path("sync.c1z")
            try await fixture.sync(into: file)
            let synced = try SyncedFile(path: file)
            let workspace = "workspace:\(fixture.snapshot.workspace.id)"
            for user in fixture.snapshot.users {
                let resource = try #require(synced.resources["user:\(user.id)"])
                #expect(resource.displayName == user.name)
                #expect(resource.parentResourceID.key == workspace)
                let trait = try #require(resource.annotations.first(C1_Connector_V2_UserTrait.self), "user \(user.id) has no UserTrait")
                #expect(trait.emails.map(\.address) == [user.email])
                #expect(trait.emails.first?.isPrimary == true)
                #expect(trait.login == user.email)
                #expect(trait.status.status == .enabled)
                #expect(trait.accountType == .human)
                #expect(trait.profile.fields["email"]?.stringValue == user.email)
                #expect(trait.profile.fields["login"]?.stringValue == user.email)
                #expect(trait.profile.fields["user_id"]?.stringValue == user.id)
                let first = String(user.name.split(separator: " ", maxSplits: 1).first ?? "")
                #expect(trait.profile.fields["first_name"]?.stringValue == first)
            }
            for invite in fixture.snapshot.invites {
                let resource = try #require(synced.resources["invite:\(invite.email)"])
                #expect(resource.displayName == "\(invite.email) (pending invitation)")
            }
            let root = try #require(synced.resources[workspace])
            #expect(root.displayName == fixture.snapshot.workspace.name)
            #expect(!root.hasParentResourceID)
        }
    }

    @Test("two syncs of the same state write identical ids and objects")
    func idsAreStableAcrossSyncs() async throws {
        try await SyncFixture.run(size: .demo) { fixture in
            try await fixture.sync(into: fixture.path("first.c1z"))
            try await fixture.sync(into: fixture.path("second.c1z"))
            let first = try SyncedFile(path: fixture.path("first.c1z"))
            let second = try SyncedFile(path: fixture.path("second.c1z"))
            expectSameIds(second.resources.keys, Set(first.resources.keys), "resources of the second sync")
            expectSameIds(second.entitlements.keys, Set(first.entitlements.keys), "entitlements of the second sync")
            expectSameIds(second.grants.keys, Set(first.grants.keys), "grants of the second sync")
            expectSameObjects(first, second)
        }
    }
}

/// Object-by-object equality of two files (ids and content).
func expectSameObjects(_ a: SyncedFile, _ b: SyncedFile, sourceLocation: SourceLocation = #_sourceLocation) {
    func differing<T: Equatable>(_ x: [String: T], _ y: [String: T]) -> [String] {
        x.compactMap { id, object in y[id].map { $0 == object } == false ? id : nil }
    }
    let resources = differing(a.resources, b.resources)
    let entitlements = differing(a.entitlements, b.entitlements)
    let grants = differing(a.grants, b.grants)
    #expect(resources.isEmpty, "resources differ: \(Array(resources.sorted().prefix(5)))", sourceLocation: sourceLocation)
    #expect(entitlements.isEmpty, "entitlements differ: \(Array(entitlements.sorted().prefix(5)))", sourceLocation: sourceLocation)
    #expect(grants.isEmpty, "grants differ: \(Array(grants.sorted().prefix(5)))", sourceLocation: sourceLocation)
}
