import BatonKit
import Foundation
import Testing

/// A syncer that can read its resources one by one (from its top-level pages), and counts reads.
private struct GettableSyncer: ResourceSyncer, ResourceGetter {
    var base: FakeSyncer
    var resourceType: ResourceType { base.resourceType }
    func listResources(parent: ResourceId?, pageToken: String, context: SyncContext) async throws -> SyncPage<Resource> {
        try await base.listResources(parent: parent, pageToken: pageToken, context: context)
    }
    func listEntitlements(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Entitlement> {
        try await base.listEntitlements(resource: resource, pageToken: pageToken, context: context)
    }
    func listGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        try await base.listGrants(resource: resource, pageToken: pageToken, context: context)
    }
    func getResource(id: ResourceId, parent: ResourceId?, context: SyncContext) async throws -> Resource? {
        await base.calls?.record("get \(id.key)")
        return base.resources.values.flatMap { $0.flatMap { $0 } }.first { $0.id == id }
    }
}

@Suite struct TargetedSyncEngineTests {
    /// Group g holds role r (expandable to its members); users u1, u2 are in g; u1 also holds r directly.
    static func workspace(calls: CallLog) -> FakeConnector {
        let g = Fixture.group("g"), r = Fixture.role("r"), u1 = Fixture.user("u1"), u2 = Fixture.user("u2")
        let member = Fixture.member(of: g), roleMember = Fixture.member(of: r)
        let expandable = GrantExpandable.make(entitlementIds: [member.id], resourceTypeIds: ["user"])
        var groups = FakeSyncer(resourceType: Fixture.groupType, calls: calls)
        groups.resources = ["": [[g]]]
        groups.entitlements = [g.id.key: [[member]]]
        groups.grants = [
            g.id.key: [
                [
                    Grant.make(entitlement: member, principal: u1.id), Grant.make(entitlement: member, principal: u2.id),
                    Grant.make(entitlement: roleMember, principal: g.id, expandable: expandable),
                ]
            ]
        ]
        var roles = FakeSyncer(resourceType: Fixture.roleType, calls: calls)
        roles.resources = ["": [[r]]]
        roles.entitlements = [r.id.key: [[roleMember]]]
        var users = FakeSyncer(resourceType: Fixture.userType, calls: calls)
        users.resources = ["": [[u1, u2]]]
        users.grants = [u1.id.key: [[Grant.make(entitlement: roleMember, principal: u1.id)]]]
        return FakeConnector(syncers: [GettableSyncer(base: users), GettableSyncer(base: groups), roles])
    }

    @Test func readsOnlyTheNamedResourcesAndRecordsAPartialSync() async throws {
        let calls = CallLog()
        var options = SyncOptions()
        options.targetedResources = [
            BatonResourceID(id: ResourceId("group", "g")), BatonResourceID(id: ResourceId("group", "g")),
            BatonResourceID(id: ResourceId("user", "gone")), BatonResourceID(id: ResourceId("role", "r")),
        ]
        let (summary, store) = try await Fixture.sync(Self.workspace(calls: calls), options: options)
        #expect(summary.syncType == .partial)
        #expect(await store.syncType == .partial)
        #expect(await store.resources.keys == ["group:g"], "the role type cannot be read one by one; the user is gone")
        let entries = await calls.entries
        #expect(!entries.contains { $0.hasPrefix("resources") }, "no listing of whole types: \(entries)")
        #expect(entries.filter { $0.hasPrefix("get group:g") }.count == 1)
        // Expansion ran over what was read: both members inherit the group's role; u1 also holds it
        // directly, but that grant is not among what was read, so its sources name only the group.
        let u2 = try #require(await store.grant("role:r:member:user:u2"))
        #expect(u2.sources.sources.keys.sorted() == ["group:g:member"])
    }

    @Test func skipGrantsKeepsEntitlements() async throws {
        var options = SyncOptions()
        options.targetedResources = [BatonResourceID(id: ResourceId("group", "g"))]
        options.skipGrants = true
        let (_, store) = try await Fixture.sync(Self.workspace(calls: CallLog()), options: options)
        #expect(await store.entitlements.keys == ["group:g:member"])
        #expect(await store.grants.count == 0)
    }

    @Test func unknownTypeIsAnError() async throws {
        var options = SyncOptions()
        options.targetedResources = [BatonResourceID(id: ResourceId("nope", "x"))]
        await #expect(throws: BatonError.self) { try await Fixture.sync(Self.workspace(calls: CallLog()), options: options) }
    }

    @Test func capabilitiesReportTargetedSync() throws {
        let capabilities = Capabilities.of(Self.workspace(calls: CallLog()))
        let byType = Dictionary(uniqueKeysWithValues: capabilities.resourceTypeCapabilities.map { ($0.resourceType.id, $0.capabilities) })
        #expect(byType["user"] == [.sync, .targetedSync])
        #expect(byType["role"] == [.sync, .provision], "the plain fake provisions but cannot be read one by one")
        #expect(capabilities.connectorCapabilities.contains(.targetedSync))
        #expect(!capabilities.connectorCapabilities.contains(.eventFeedV2))
    }
}

@Suite struct BatonResourceIDTests {
    @Test func parsesAndEscapes() throws {
        #expect(try BatonResourceID(parsing: "bid:r:user/1234") == BatonResourceID(id: ResourceId("user", "1234")))
        #expect(
            try BatonResourceID(parsing: "bid:r:group/5678/user/1234")
                == BatonResourceID(id: ResourceId("user", "1234"), parent: ResourceId("group", "5678")))
        let odd = BatonResourceID(id: ResourceId("invite", "a/b:c\\d@example.com"))
        #expect(odd.text == "bid:r:invite/a\\/b\\:c\\\\d@example.com")
        #expect(try BatonResourceID(parsing: odd.text) == odd)
        for bad in ["user:1234", "bid:r:user", "bid:r:user/", "bid:r:a/b/c", "bid:e:user/1:member", "bid:r:user/1:x"] {
            #expect(throws: BatonError.self, "\(bad)") { try BatonResourceID(parsing: bad) }
        }
    }
}
