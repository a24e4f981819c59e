import BatonKit
import Testing

/// Groups g0..gN (member entitlements), users, roles; `memberships` maps a group to its direct
/// user members; `nested` lists (inner, outer) group nesting declared as expandable grants.
private struct Graph {
    var users: [String] = []
    var memberships: [String: [String]] = [:]
    var nested: [(inner: String, outer: String, shallow: Bool)] = []
    var roleHolders: [(role: String, group: String, types: [String])] = []
    var directRoles: [(role: String, user: String)] = []

    func connector() -> FakeConnector {
        let groupIds = Set(memberships.keys).union(nested.flatMap { [$0.inner, $0.outer] }).union(roleHolders.map(\.group))
        let roleIds = Set(roleHolders.map(\.role)).union(directRoles.map(\.role))
        let groups = groupIds.sorted().map { Fixture.group($0) }
        let roles = roleIds.sorted().map { Fixture.role($0) }
        func group(_ id: String) -> Resource { Fixture.group(id) }
        var groupGrants: [String: [[Grant]]] = [:]
        for g in groups {
            var list = (memberships[g.id.resource] ?? []).map {
                Grant.make(entitlement: Fixture.member(of: g), principal: Fixture.user($0))
            }
            for edge in nested where edge.outer == g.id.resource {
                list.append(
                    Grant.make(
                        entitlement: Fixture.member(of: g), principal: group(edge.inner),
                        expandable: .make(entitlementIds: [Fixture.member(of: group(edge.inner)).id], shallow: edge.shallow)))
            }
            groupGrants[g.id.key] = [list]
        }
        var roleGrants: [String: [[Grant]]] = [:]
        for r in roles {
            var list: [Grant] = roleHolders.filter { $0.role == r.id.resource }.map {
                Grant.make(
                    entitlement: Fixture.member(of: r), principal: group($0.group),
                    expandable: .make(entitlementIds: [Fixture.member(of: group($0.group)).id], resourceTypeIds: $0.types))
            }
            list += directRoles.filter { $0.role == r.id.resource }.map {
                Grant.make(entitlement: Fixture.member(of: r), principal: Fixture.user($0.user))
            }
            roleGrants[r.id.key] = [list]
        }
        return FakeConnector(syncers: [
            FakeSyncer(resourceType: Fixture.userType, resources: ["": [users.map { Fixture.user($0) }]]),
            FakeSyncer(
                resourceType: Fixture.groupType, resources: ["": [groups]],
                entitlements: Dictionary(uniqueKeysWithValues: groups.map { ($0.id.key, [[Fixture.member(of: $0)]]) }),
                grants: groupGrants),
            FakeSyncer(
                resourceType: Fixture.roleType, resources: ["": [roles]],
                entitlements: Dictionary(uniqueKeysWithValues: roles.map { ($0.id.key, [[Fixture.member(of: $0)]]) }),
                grants: roleGrants),
        ])
    }
}

private func principals(_ store: InMemorySyncStore, _ entitlementId: String) async -> Set<String> {
    Set(await store.grants(entitlementId: entitlementId).map(\.principal.id.key))
}

@Suite struct GrantExpansionTests {
    @Test func nestedGroupsPropagateInDependencyOrder() async throws {
        // a ⊂ b ⊂ c (declared outermost first, so order of declaration does not help)
        var graph = Graph(users: ["u1", "u2", "u3"])
        graph.memberships = ["a": ["u1"], "b": ["u2"], "c": ["u3"]]
        graph.nested = [("b", "c", false), ("a", "b", false)]
        let (summary, store) = try await Fixture.sync(graph.connector())
        #expect(await principals(store, "group:b:member") == ["user:u1", "user:u2", "group:a"])
        #expect(await principals(store, "group:c:member") == ["user:u1", "user:u2", "user:u3", "group:a", "group:b"])
        let deep = try #require(await store.grant("group:c:member:user:u1"))
        #expect(Array(deep.sources.sources.keys) == ["group:b:member"])
        #expect(deep.annotations.contains(C1_Connector_V2_GrantImmutable.self))
        #expect(summary.expandedGrants == 4)  // b: u1; c: u1, u2, a
    }

    @Test func shallowOnlyPropagatesDirectGrants() async throws {
        var graph = Graph(users: ["u1", "u2", "u3"])
        graph.memberships = ["a": ["u1"], "b": ["u2"], "c": ["u3"]]
        graph.nested = [("a", "b", false), ("b", "c", true)]
        let (_, store) = try await Fixture.sync(graph.connector())
        // c gets b's direct members (u2, and group a which is a direct grant of b) but not u1 via a.
        #expect(await principals(store, "group:c:member") == ["user:u3", "user:u2", "group:a", "group:b"])
    }

    @Test func resourceTypeFilterRestrictsPrincipals() async throws {
        var graph = Graph(users: ["u1", "u2"])
        graph.memberships = ["a": ["u1"], "b": ["u2"]]
        graph.nested = [("a", "b", false)]
        graph.roleHolders = [("admin", "b", ["user"])]
        let (_, store) = try await Fixture.sync(graph.connector())
        // b's members: u2, group a, u1 (expanded); the role goes to users only.
        #expect(await principals(store, "role:admin:member") == ["group:b", "user:u1", "user:u2"])
    }

    @Test func cycleTerminatesWithTheUnionOfMembers() async throws {
        var graph = Graph(users: ["u1", "u2", "u3"])
        graph.memberships = ["a": ["u1"], "b": ["u2"], "c": ["u3"]]
        graph.nested = [("a", "b", false), ("b", "c", false), ("c", "a", false)]
        graph.roleHolders = [("admin", "a", ["user"])]
        let (_, store) = try await Fixture.sync(graph.connector())
        for group in ["a", "b", "c"] {
            let users = await principals(store, "group:\(group):member").filter { $0.hasPrefix("user:") }
            #expect(users == ["user:u1", "user:u2", "user:u3"])
        }
        #expect(await principals(store, "role:admin:member") == ["group:a", "user:u1", "user:u2", "user:u3"])
    }

    @Test func directHolderGetsBothSources() async throws {
        var graph = Graph(users: ["u1"])
        graph.memberships = ["a": ["u1"]]
        graph.roleHolders = [("admin", "a", [])]
        graph.directRoles = [("admin", "u1")]
        let (summary, store) = try await Fixture.sync(graph.connector())
        let grant = try #require(await store.grant("role:admin:member:user:u1"))
        #expect(grant.sources.sources["role:admin:member"]?.isDirect == true)
        #expect(grant.sources.sources["group:a:member"] != nil)
        #expect(!grant.annotations.contains(C1_Connector_V2_GrantImmutable.self))
        #expect(summary.expandedGrants == 0)
    }

    @Test func sourceOnAnotherResourceThanThePrincipalFailsTheSync() async throws {
        let a = Fixture.group("a"), b = Fixture.group("b"), role = Fixture.role("r")
        let bad = Grant.make(
            entitlement: Fixture.member(of: role), principal: a,
            expandable: .make(entitlementIds: [Fixture.member(of: b).id]))
        let connector = FakeConnector(syncers: [
            FakeSyncer(
                resourceType: Fixture.groupType, resources: ["": [[a, b]]],
                entitlements: [a.id.key: [[Fixture.member(of: a)]], b.id.key: [[Fixture.member(of: b)]]]),
            FakeSyncer(
                resourceType: Fixture.roleType, resources: ["": [[role]]],
                entitlements: [role.id.key: [[Fixture.member(of: role)]]], grants: [role.id.key: [[bad]]]),
        ])
        await #expect { try await Fixture.sync(connector) } throws: { error in
            "\(error)".hasPrefix("source entitlement resource id did not match grant principal id")
        }
    }

    @Test func missingSourceEntitlementSkipsTheEdge() async throws {
        let a = Fixture.group("a"), role = Fixture.role("r")
        let grant = Grant.make(
            entitlement: Fixture.member(of: role), principal: a,
            expandable: .make(entitlementIds: ["group:a:owner"]))
        let connector = FakeConnector(syncers: [
            FakeSyncer(resourceType: Fixture.groupType, resources: ["": [[a]]]),
            FakeSyncer(
                resourceType: Fixture.roleType, resources: ["": [[role]]],
                entitlements: [role.id.key: [[Fixture.member(of: role)]]], grants: [role.id.key: [[grant]]]),
        ])
        let (summary, _) = try await Fixture.sync(connector)
        #expect(summary.expandedGrants == 0)
    }

    @Test func expansionScalesToHundredThousandGrants() async throws {
        // 100 groups × 1,000 users each hold one role through their group: 100k memberships,
        // 100k expanded role grants. Quadratic work would not finish in this test's time.
        var graph = Graph(users: [])
        for g in 0..<100 { graph.memberships["g\(g)"] = (0..<1_000).map { "u\(g)_\($0)" } }
        graph.roleHolders = (0..<100).map { ("admin", "g\($0)", ["user"]) }
        let clock = ContinuousClock()
        let start = clock.now
        let (summary, store) = try await Fixture.sync(graph.connector())
        #expect(summary.grants == 100_100)
        #expect(summary.expandedGrants == 100_000)
        #expect(await store.grants(entitlementId: "role:admin:member").count == 100_100)
        #expect(clock.now - start < .seconds(60))
    }
}
