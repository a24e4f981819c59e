import BatonKit
import Foundation
import SegmentSimulator
import Testing

@testable import SegmentConnector

/// Grant and revoke of every kind of entitlement, for users and groups, checked against the
/// simulator's state afterwards.
@Suite struct ProvisioningGrantTests {
    /// The tuple string (`SnapshotTuples`) an entitlement id stands for, worked out from the id
    /// and the simulator's catalogue, independently of the connector's decoding.
    static func expectedTuple(_ entitlementId: String, in snapshot: WorkspaceSnapshot) -> String? {
        let parts = entitlementId.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count == 3 else { return nil }
        let ws = snapshot.workspace.id
        if parts[0] == "role" {
            if parts[2] == "member" { return "\(parts[1])|WORKSPACE|\(ws)|" }
            let labels = parts[2].dropFirst("member:labels:".count).split(separator: ",")
                .map { $0.replacingOccurrences(of: "=", with: ":") }.sorted().joined(separator: ",")
            return "\(parts[1])|WORKSPACE|\(ws)|\(labels)"
        }
        guard let role = snapshot.roles.first(where: { ExpectedWorkspace.roleSlug($0.name) == parts[2] }) else { return nil }
        return "\(role.id)|\(parts[0].uppercased())|\(parts[1])|"
    }

    static let kinds: [(String, @Sendable (String) -> Bool)] = [
        ("workspace-wide role", { $0.hasPrefix("role:") && $0.hasSuffix(":member") }),
        ("label-scoped role", { $0.contains(":member:labels:") }),
        ("role on a source", { $0.hasPrefix("source:") }),
        ("role on a warehouse", { $0.hasPrefix("warehouse:") }),
        ("role on a function", { $0.hasPrefix("function:") }),
        ("role on a space", { $0.hasPrefix("space:") }),
    ]

    @Test func everyKindIsGrantedAndRevokedExactlyForUsersAndGroups() async throws {
        try await ProvisioningHarness.run { h in
            let initial = await h.snapshot()
            for (kind, matches) in Self.kinds {
                for type in ["user", "group"] {
                    let entitlementId = try #require(h.synced.entitlements.keys.sorted().last(where: matches), "no \(kind)")
                    let ids = type == "user" ? initial.users.map(\.id) : initial.groups.map(\.id)
                    let principal = try #require(ids.first { !h.synced.grants.keys.contains("\(entitlementId):\(type):\($0)") })
                    let tuple = try #require(Self.expectedTuple(entitlementId, in: initial))
                    let before = await h.snapshot()
                    let writes = await h.writes()

                    let granted = try await h.grant(entitlementId, to: type, principal)
                    #expect(!granted.annotations.contains(C1_Connector_V2_GrantAlreadyExists.self))
                    #expect(granted.grants.map(\.id) == ["\(entitlementId):\(type):\(principal)"])
                    let after = await h.snapshot()
                    let held = SnapshotTuples.principal(type, principal, in: after)
                    #expect(held == SnapshotTuples.principal(type, principal, in: before).union([tuple]), "\(kind) to \(type)")
                    #expect(after.without(type, principal) == before.without(type, principal), "only the principal changed")
                    #expect(await h.writes() == writes + 1)

                    let again = try await h.grant(entitlementId, to: type, principal)
                    #expect(again.annotations.contains(C1_Connector_V2_GrantAlreadyExists.self), "\(kind): held already")
                    #expect(await h.writes() == writes + 1, "no write for a grant already held")

                    let revoked = try await h.revoke(entitlementId, from: type, principal)
                    #expect(revoked.isEmpty)
                    #expect(await h.snapshot().state == before.state, "\(kind) from \(type): back to exactly the state before")

                    let twice = try await h.revoke(entitlementId, from: type, principal)
                    #expect(twice.contains(C1_Connector_V2_GrantAlreadyRevoked.self))
                    #expect(await h.writes() == writes + 2, "no write for a grant not held")
                }
            }
        }
    }

    @Test func groupMembershipForUsersAndInvitees() async throws {
        try await ProvisioningHarness.run { h in
            let initial = await h.snapshot()
            let group = try #require(initial.groups.first)
            let member = "group:\(group.id):member"
            let user = try #require(initial.users.first { !group.members.contains($0.id) })
            let invite = try #require(initial.invites.first { !group.inviteMembers.contains($0.email) })
            let writes = await h.writes()

            #expect(try await h.grant(member, to: "user", user.id).annotations.isEmpty)
            #expect(try await h.grant(member, to: "invite", invite.email).annotations.isEmpty)
            var now = try #require(await h.snapshot().group(id: group.id))
            #expect(now.members == group.members + [user.id])
            #expect(now.inviteMembers == group.inviteMembers + [invite.email])
            #expect(try await h.grant(member, to: "user", user.id).annotations.contains(C1_Connector_V2_GrantAlreadyExists.self))
            #expect(try await h.grant(member, to: "invite", invite.email).annotations.contains(C1_Connector_V2_GrantAlreadyExists.self))
            #expect(await h.writes() == writes + 2)

            #expect(try await h.revoke(member, from: "user", user.id).isEmpty)
            #expect(try await h.revoke(member, from: "invite", invite.email).isEmpty)
            now = try #require(await h.snapshot().group(id: group.id))
            #expect(now == group)
            #expect(try await h.revoke(member, from: "user", user.id).contains(C1_Connector_V2_GrantAlreadyRevoked.self))
            #expect(try await h.revoke(member, from: "invite", invite.email).contains(C1_Connector_V2_GrantAlreadyRevoked.self))
            #expect(await h.writes() == writes + 4)
            #expect(await h.snapshot().state == initial.state)
        }
    }

    /// The Go connector's bugs: a revoke dropped every permission with the role (any resource)
    /// and wrote back permissions without their labels.
    @Test func labelScopedPermissionsAndOtherResourcesSurviveUnrelatedRevokes() async throws {
        try await ProvisioningHarness.run { h in
            let initial = await h.snapshot()
            let labelled = try #require(
                initial.users.first { user in
                    user.permissions.contains { $0.resources.contains { !($0.labels ?? []).isEmpty } }
                })
            let scoped = try #require(labelled.permissions.first { $0.resources.contains { !($0.labels ?? []).isEmpty } })
            let sourceAdmin = try #require(initial.roleId(named: "Source Admin"))
            let slug = ExpectedWorkspace.roleSlug("Source Admin")
            let (a, b) = (initial.sources[0].id, initial.sources[1].id)
            try await h.grant("source:\(a):\(slug)", to: "user", labelled.id)
            try await h.grant("source:\(b):\(slug)", to: "user", labelled.id)

            try await h.revoke("source:\(a):\(slug)", from: "user", labelled.id)
            let user = try #require(await h.snapshot().user(id: labelled.id))
            let tuples = SnapshotTuples.of(user.permissions)
            #expect(tuples.contains("\(sourceAdmin)|SOURCE|\(b)|"), "Source Admin on the other source is kept")
            #expect(!tuples.contains("\(sourceAdmin)|SOURCE|\(a)|"))
            // The label-scoped permission is byte for byte what it was.
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let still = try #require(user.permissions.first { $0.roleId == scoped.roleId && $0.resources == scoped.resources })
            #expect(try encoder.encode(still) == encoder.encode(scoped))

            // Revoking every other tuple one by one leaves exactly the label-scoped permission.
            for other in labelled.permissions where other != scoped {
                for resource in other.resources {
                    let id =
                        resource.type == "WORKSPACE"
                        ? "role:\(other.roleId):member"
                        : "\(resource.type.lowercased()):\(resource.id):\(ExpectedWorkspace.roleSlug(other.roleName ?? ""))"
                    try await h.revoke(id, from: "user", labelled.id)
                }
            }
            try await h.revoke("source:\(b):\(slug)", from: "user", labelled.id)
            let last = try #require(await h.snapshot().user(id: labelled.id))
            #expect(try encoder.encode(last.permissions) == encoder.encode([scoped]))
        }
    }

    /// Two revokes on one principal at once: both take effect and neither resurrects the
    /// other's tuple (the simulator's latency makes the reads and writes overlap without the lock).
    @Test func concurrentOperationsOnOnePrincipalAllTakeEffect() async throws {
        try await ProvisioningHarness.run(simulator: { $0.latencyMs = 15 }) { h in
            let initial = await h.snapshot()
            let user = try #require(initial.users.last)
            let slug = ExpectedWorkspace.roleSlug("Source Admin")
            let sources = initial.sources.map(\.id).filter { !h.synced.grants.keys.contains("source:\($0):\(slug):user:\(user.id)") }
            #expect(sources.count >= 3)
            for source in sources { try await h.grant("source:\(source):\(slug)", to: "user", user.id) }
            let granted = SnapshotTuples.user(user.id, in: await h.snapshot())

            try await withThrowingTaskGroup(of: Void.self) { group in
                for source in sources {
                    group.addTask { try await h.revoke("source:\(source):\(slug)", from: "user", user.id) }
                }
                try await group.waitForAll()
            }
            let after = await h.snapshot()
            #expect(SnapshotTuples.user(user.id, in: after) == SnapshotTuples.user(user.id, in: initial))
            #expect(SnapshotTuples.user(user.id, in: after).count == granted.count - sources.count)
            #expect(after.state == initial.state)

            // Grants and revokes interleaved on the same principal.
            let (keep, drop) = (Array(sources.prefix(sources.count / 2)), Array(sources.dropFirst(sources.count / 2)))
            for source in drop { try await h.grant("source:\(source):\(slug)", to: "user", user.id) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for source in keep { group.addTask { try await h.grant("source:\(source):\(slug)", to: "user", user.id) } }
                for source in drop { group.addTask { try await h.revoke("source:\(source):\(slug)", from: "user", user.id) } }
                try await group.waitForAll()
            }
            let sourceAdmin = try #require(initial.roleId(named: "Source Admin"))
            let expected = SnapshotTuples.user(user.id, in: initial).union(keep.map { "\(sourceAdmin)|SOURCE|\($0)|" })
            #expect(SnapshotTuples.user(user.id, in: await h.snapshot()) == expected)
        }
    }
}
