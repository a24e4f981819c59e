import Foundation
import SegmentSimulator
import Testing

@Suite struct PaginationTests {
    @Test func dotAndBracketEncodingsAgree() async throws {
        try await Sim.with { sim async throws in
            let dot = try await sim.get("/users?pagination.count=3")
            let bracket = try await sim.get("/users?pagination[count]=3")
            let encoded = try await sim.get("/users?pagination%5Bcount%5D=3")
            #expect(dot.status == 200)
            #expect(dot.list("users").count == 3)
            let ids = { (r: Reply) in r.list("users").map { $0["id"] as? String ?? "" } }
            #expect(ids(dot) == ids(bracket))
            #expect(ids(dot) == ids(encoded))
            let next = try #require(dot.next)
            let page2 = try await sim.get("/users?pagination%5Bcount%5D=3&pagination%5Bcursor%5D=\(Sim.encode(next))")
            #expect(page2.list("users").first?["id"] as? String == Sim.demo.users[3].id)
            #expect(page2.pagination["previous"] as? String == dot.pagination["current"] as? String)
        }
    }

    @Test func defaultPageIs200AndLastPageHasNoNext() async throws {
        let state = WorkspaceGenerator.generate(
            seed: 2, size: .init(users: 250, groups: 0, sources: 1, warehouses: 0, functions: 0, spaces: 0, invites: 0), plan: .business)
        try await Sim.with(state) { sim async throws in
            let first = try await sim.get("/users")
            #expect(first.list("users").count == 200)
            #expect(first.pagination["totalEntries"] as? Int == 250)
            let last = try await sim.get("/users?pagination.cursor=\(Sim.encode(try #require(first.next)))")
            #expect(last.list("users").count == 50)
            #expect(last.pagination["next"] == nil)
        }
    }

    @Test func largeWorkspaceWalksInTenRequestsCoveringEachUserOnce() async throws {
        let state = WorkspaceGenerator.generate(seed: 11, size: .large, plan: .business)
        try await Sim.with(state) { sim async throws in
            let started = Date()
            let (items, requests) = try await sim.walk("/users", key: "users", count: 1_000)
            #expect(requests == 10)
            let ids = items.compactMap { $0["id"] as? String }
            #expect(ids.count == 10_000)
            #expect(Set(ids) == Set(state.users.map(\.id)))
            #expect(Date().timeIntervalSince(started) < 10)
        }
    }

    @Test func badCountsAndCursorsAre422() async throws {
        try await Sim.with { sim async throws in
            for query in [
                "pagination.count=0", "pagination.count=1001", "pagination.count=abc", "pagination.cursor=bm90LWEtY3Vyc29y",
                "pagination.cursor=%21%21",
            ] {
                let reply = try await sim.get("/users?\(query)")
                #expect(reply.status == 422, "\(query)")
                #expect(!reply.errorMessage.isEmpty)
            }
            #expect(try await sim.get("/users?pagination.count=1000").status == 200)
        }
    }

    @Test func labelsAreNotPaginatedAndFunctionsNeedAResourceType() async throws {
        try await Sim.with { sim async throws in
            let labels = try await sim.get("/labels")
            #expect(labels.status == 200)
            #expect(labels.data["pagination"] == nil)
            #expect(labels.list("labels").count == Sim.demo.labels.count)
            #expect(try await sim.get("/functions").status == 422)
            #expect(try await sim.get("/functions?resourceType=WIDGET").status == 422)
            for kind in ["SOURCE", "DESTINATION", "INSERT_SOURCE", "INSERT_DESTINATION", "INSERT_TRANSFORMATION"] {
                let reply = try await sim.get("/functions?resourceType=\(kind)&pagination.count=200")
                #expect(reply.status == 200)
                #expect(reply.list("functions").map { $0["id"] as? String ?? "" } == Sim.demo.functions(ofType: kind).map(\.id))
            }
        }
    }

    @Test func listsCarryTheirDocumentedKeys() async throws {
        try await Sim.with { sim async throws in
            #expect(try await sim.get("/").data["workspace"] != nil)
            #expect(try await sim.get("/roles").list("roles").count == Sim.demo.roles.count)
            #expect(try await sim.get("/sources").list("sources").count == 4)
            #expect(try await sim.get("/warehouses").list("warehouses").count == 2)
            #expect(try await sim.get("/spaces").list("spaces").count == 2)
            #expect(try await sim.get("/invites").strings("invites") == Sim.demo.invites.map(\.email))
            #expect(try await sim.get("/groups").list("userGroups").count == 3)
            #expect(try await sim.get("/audit-events").list("events").count == Sim.demo.auditEvents.count)
            let users = try await sim.get("/users").list("users")
            #expect(users.allSatisfy { $0["permissions"] == nil })
            let user = try await sim.get("/users/\(Sim.demo.users[0].id)").data["user"] as? [String: Any]
            #expect((user?["permissions"] as? [[String: Any]])?.first?["roleName"] as? String == "Workspace Owner")
        }
    }

    @Test func listIncludesPermissionsOption() async throws {
        try await Sim.with(config: .with { $0.listIncludesPermissions = true }) { sim async throws in
            #expect(try await sim.get("/users").list("users").allSatisfy { $0["permissions"] != nil })
            #expect(try await sim.get("/groups").list("userGroups").allSatisfy { $0["permissions"] != nil })
        }
    }
}
