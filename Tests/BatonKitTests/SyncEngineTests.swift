import BatonKit
import Testing

/// A workspace root with users, a group and a role as children; group `eng` holds role `admin`.
private func workspaceConnector(calls: CallLog? = nil) -> FakeConnector {
    let ws = Resource.make(
        id: ResourceId("workspace", "w1"), displayName: "W",
        annotations: ["user", "group", "role"].map(Annotation.childResourceType))
    let wsId = ws.id
    let u1 = Fixture.user("u1", parent: wsId), u2 = Fixture.user("u2", parent: wsId), u3 = Fixture.user("u3", parent: wsId)
    let eng = Fixture.group("eng", parent: wsId)
    let admin = Fixture.role("admin", parent: wsId)
    let engMember = Fixture.member(of: eng), adminMember = Fixture.member(of: admin)
    var workspace = FakeSyncer(resourceType: Fixture.workspaceType, resources: ["": [[ws]]])
    var users = FakeSyncer(resourceType: Fixture.userType, resources: ["": [], wsId.key: [[u1, u2], [u3]]])
    var groups = FakeSyncer(
        resourceType: Fixture.groupType, resources: [wsId.key: [[eng]]],
        entitlements: [eng.id.key: [[engMember]]],
        grants: [
            eng.id.key: [
                [Grant.make(entitlement: engMember, principal: u1)],
                [Grant.make(entitlement: engMember, principal: u2)],
            ]
        ])
    var roles = FakeSyncer(
        resourceType: Fixture.roleType, resources: [wsId.key: [[admin]]],
        entitlements: [admin.id.key: [[adminMember]]],
        grants: [
            admin.id.key: [
                [
                    Grant.make(
                        entitlement: adminMember, principal: eng,
                        expandable: .make(entitlementIds: [engMember.id], resourceTypeIds: ["user"])),
                    Grant.make(entitlement: adminMember, principal: u1),
                ]
            ]
        ])
    // A user's listing returns a grant on another resource's entitlement (keyed by grant id).
    users.grants[u3.id.key] = [[Grant.make(entitlement: engMember, principal: u3)]]
    workspace.calls = calls; users.calls = calls; groups.calls = calls; roles.calls = calls
    return FakeConnector(syncers: [workspace, users, groups, roles])
}

@Suite struct SyncEngineTests {
    @Test func fullSyncStoresEverythingInShape() async throws {
        let calls = CallLog()
        let (summary, store) = try await Fixture.sync(workspaceConnector(calls: calls))
        #expect(summary.syncType == .full)
        #expect(await store.finished)
        #expect(await store.resourceTypes.keys == ["workspace", "user", "group", "role"])
        #expect(Set(await store.resources.keys) == ["workspace:w1", "user:u1", "user:u2", "user:u3", "group:eng", "role:admin"])
        let u3 = try #require(await store.resource(ResourceId("user", "u3")))
        #expect(u3.parentResourceID == ResourceId("workspace", "w1"))
        #expect(await store.resource(ResourceId("workspace", "w1"))?.hasParentResourceID == false)
        #expect(Set(await store.entitlements.keys) == ["group:eng:member", "role:admin:member"])
        #expect(await store.grant("group:eng:member:user:u3") != nil)
        #expect(summary.resourcesByType == ["workspace": 1, "user": 3, "group": 1, "role": 1])
        #expect(summary.entitlements == 2)
        #expect(summary.grants == 5)

        // Order of phases: every resource listing before any entitlement listing, before grants.
        let log = await calls.entries
        let lastResource = try #require(log.lastIndex { $0.hasPrefix("resources") })
        let firstEntitlement = try #require(log.firstIndex { $0.hasPrefix("entitlements") })
        let lastEntitlement = try #require(log.lastIndex { $0.hasPrefix("entitlements") })
        let firstGrant = try #require(log.firstIndex { $0.hasPrefix("grants") })
        #expect(lastResource < firstEntitlement && lastEntitlement < firstGrant)
        // Top level for every type, children under the parent, pages followed.
        #expect(log.contains("resources user - []"))
        #expect(log.contains("resources user workspace:w1 []"))
        #expect(log.contains("resources user workspace:w1 [p1]"))
        #expect(log.contains("grants group:eng [p1]"))
    }

    @Test func expansionGivesInheritedRoleToGroupMembers() async throws {
        let (summary, store) = try await Fixture.sync(workspaceConnector())
        let u2 = try #require(await store.grant("role:admin:member:user:u2"))
        #expect(Array(u2.sources.sources.keys) == ["group:eng:member"])
        #expect(u2.entitlement.resource.id == ResourceId("role", "admin"))
        // u1 holds the role directly and through the group: both sources recorded.
        let u1 = try #require(await store.grant("role:admin:member:user:u1"))
        #expect(Set(u1.sources.sources.keys) == ["role:admin:member", "group:eng:member"])
        #expect(u1.sources.sources["role:admin:member"]?.isDirect == true)
        #expect(summary.expandedGrants == 2)  // u2, u3
    }

    @Test func skipExpandGrantsLeavesOnlyDirectGrants() async throws {
        var options = SyncOptions()
        options.skipExpandGrants = true
        let (summary, store) = try await Fixture.sync(workspaceConnector(), options: options)
        #expect(await store.grant("role:admin:member:user:u2") == nil)
        #expect(summary.expandedGrants == 0)
    }

    @Test func repeatedPageTokenFailsTheSync() async throws {
        var users = FakeSyncer(resourceType: Fixture.userType, resources: ["": [[Fixture.user("a")], [Fixture.user("b")]]])
        users.tokens = ["p1", "p1"]  // page 1 hands back the token it was given
        let store = InMemorySyncStore()
        let engine = SyncEngine(connector: FakeConnector(syncers: [users]), store: store, logger: Fixture.logger)
        await #expect { try await engine.run() } throws: { error in
            "\(error)".contains("page token \"p1\" again while listing user resources")
        }
        #expect(await store.aborted)
        #expect(await !store.finished)
    }

    @Test func tokenSeenEarlierInTheListingFailsTheSync() async throws {
        var users = FakeSyncer(
            resourceType: Fixture.userType,
            resources: ["": [[Fixture.user("a")], [Fixture.user("b")], [Fixture.user("c")]]])
        users.tokens = ["p1", "p2", "p1"]
        await #expect(throws: BatonError.self) { try await Fixture.sync(FakeConnector(syncers: [users])) }
    }

    @Test func missingTraitFailsTheSync() async throws {
        let bare = Resource.make(id: ResourceId("user", "x"), displayName: "x")
        let users = FakeSyncer(resourceType: Fixture.userType, resources: ["": [[bare]]])
        await #expect { try await Fixture.sync(FakeConnector(syncers: [users])) } throws: { error in
            "\(error)" == "resource user:x was missing expected trait UserTrait"
        }
    }

    @Test func emptyIdFailsTheSync() async throws {
        let bare = Resource.make(id: ResourceId("group", ""), displayName: "x", annotations: [Annotation(C1_Connector_V2_GroupTrait())])
        let groups = FakeSyncer(resourceType: Fixture.groupType, resources: ["": [[bare]]])
        await #expect(throws: BatonError.self) { try await Fixture.sync(FakeConnector(syncers: [groups])) }
    }

    @Test func validationErrorAbortsBeforeAnyListing() async throws {
        let calls = CallLog()
        var connector = workspaceConnector(calls: calls)
        connector.failValidation = true
        await #expect(throws: BatonError.unauthenticated("bad token")) { try await Fixture.sync(connector) }
        #expect(await calls.entries.isEmpty)
    }

    @Test func concurrencyStaysWithinTheLimit() async throws {
        let counter = InFlightCounter()
        let users = (0..<40).map { Fixture.user("u\($0)") }
        let group = Fixture.group("g")
        let member = Fixture.member(of: group)
        var userSyncer = FakeSyncer(resourceType: Fixture.userType, resources: ["": users.map { [$0] }])
        userSyncer.grants = Dictionary(
            uniqueKeysWithValues: users.map { ($0.id.key, [[Grant.make(entitlement: member, principal: $0)], []]) })
        userSyncer.counter = counter
        var options = SyncOptions()
        options.maxConcurrentListings = 3
        let (summary, _) = try await Fixture.sync(FakeConnector(syncers: [userSyncer]), options: options)
        #expect(summary.grants == 40)
        let maximum = await counter.maximum
        #expect(maximum <= 3)
        #expect(maximum >= 2)  // listings do overlap
    }

    @Test func resourceTypeFilterKeepsOnlyListedTypesAndStaysFull() async throws {
        var options = SyncOptions()
        options.syncResourceTypes = ["workspace", "group", "user"]
        let (summary, store) = try await Fixture.sync(workspaceConnector(), options: options)
        #expect(summary.syncType == .full)
        #expect(await store.resourceTypes.keys == ["workspace", "user", "group"])
        #expect(await store.resource(ResourceId("role", "admin")) == nil)
        #expect(await store.entitlement("role:admin:member") == nil)
        #expect(await store.grant("role:admin:member:group:eng") == nil)
        #expect(await store.grant("group:eng:member:user:u1") != nil)
    }

    @Test func unknownResourceTypeInFilterIsAnError() async throws {
        var options = SyncOptions()
        options.syncResourceTypes = ["user", "nope"]
        await #expect { try await Fixture.sync(workspaceConnector(), options: options) } throws: { error in
            (error as? BatonError)?.code == .invalidArgument && "\(error)".contains("\"nope\"")
        }
    }

    @Test func skipEntitlementsAndGrantsIsResourcesOnly() async throws {
        let calls = CallLog()
        var options = SyncOptions()
        options.skipEntitlementsAndGrants = true
        let (summary, store) = try await Fixture.sync(workspaceConnector(calls: calls), options: options)
        #expect(summary.syncType == .resourcesOnly)
        #expect(await store.syncType == .resourcesOnly)
        #expect(await store.resources.count == 6)
        #expect(await store.entitlements.count == 0)
        #expect(await store.grants.count == 0)
        #expect(await !calls.entries.contains { $0.hasPrefix("entitlements") || $0.hasPrefix("grants") })
    }

    @Test func skipAnnotationsOnTypesAreHonoured() async throws {
        let calls = CallLog()
        var connector = workspaceConnector(calls: calls)
        var roles = connector.syncers[3] as! FakeSyncer
        roles = FakeSyncer(
            resourceType: .make(
                id: "role", displayName: "Role", traits: [.role],
                annotations: [Annotation(C1_Connector_V2_SkipEntitlementsAndGrants())]),
            resources: roles.resources, entitlements: roles.entitlements, grants: roles.grants, calls: calls)
        var groups = connector.syncers[2] as! FakeSyncer
        groups = FakeSyncer(
            resourceType: .make(
                id: "group", displayName: "Group", traits: [.group],
                annotations: [Annotation(C1_Connector_V2_SkipGrants())]),
            resources: groups.resources, entitlements: groups.entitlements, grants: groups.grants, calls: calls)
        connector.syncers[2] = groups
        connector.syncers[3] = roles
        _ = try await Fixture.sync(connector)
        let log = await calls.entries
        #expect(!log.contains { $0.hasPrefix("entitlements role:") || $0.hasPrefix("grants role:") })
        #expect(log.contains("entitlements group:eng []"))
        #expect(!log.contains { $0.hasPrefix("grants group:") })
    }
}
