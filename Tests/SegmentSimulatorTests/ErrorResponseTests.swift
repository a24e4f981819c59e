import Foundation
import SegmentSimulator
import Testing

@Suite struct ErrorResponseTests {
    @Test func missingOrWrongTokenIs401WithoutEchoingIt() async throws {
        try await Sim.with(config: .with { $0.token = "s3cret-token-value" }) { sim async throws in
            let none = try await sim.call(.GET, "/users", auth: false)
            #expect(none.status == 401)
            #expect(none.firstError["type"] != nil)
            let wrong = Sim(simulator: sim.simulator, token: "other")
            let bad = try await wrong.get("/")
            #expect(bad.status == 401)
            #expect(!String(decoding: bad.body, as: UTF8.self).contains("s3cret"))
            #expect(try await sim.get("/").status == 200)
        }
    }

    @Test func unknownIdsAndWrongPathsAre404() async throws {
        try await Sim.with { sim async throws in
            #expect(try await sim.get("/users/nope").status == 404)
            #expect(try await sim.get("/groups/nope").status == 404)
            #expect(try await sim.get("/nothing-here").status == 404)
            let group = Sim.demo.groups[0]
            let email = Sim.encode(Sim.demo.users[group.members.count > 0 ? 0 : 0].email)
            // DELETE exists only under the singular /group/ path, like the real API.
            #expect(try await sim.call(.DELETE, "/groups/\(group.id)/users?emails.0=\(email)").status == 404)
            #expect(try await sim.call(.PUT, "/groups/\(group.id)/users", body: "{\"emails\":[]}").status == 404)
        }
    }

    @Test func teamPlanGatesBusinessFeaturesWith400() async throws {
        let team = WorkspaceGenerator.generate(seed: 4, size: .demo, plan: .team)
        try await Sim.with(team, config: .with { $0.plan = .team }) { sim async throws in
            let expectations = [
                ("/groups", "User Groups"), ("/warehouses", "Warehouses"), ("/spaces", "Spaces"),
                ("/labels", "Labels"), ("/audit-events", "Audit Trail"), ("/users/\(team.users[0].id)/groups", "User Groups"),
            ]
            for (path, feature) in expectations {
                let reply = try await sim.get(path)
                #expect(reply.status == 400, "\(path)")
                #expect(reply.errorMessage == "Your plan does not include \(feature)")
            }
            #expect(try await sim.get("/users").status == 200)
            #expect(try await sim.get("/functions?resourceType=SOURCE").status == 200)
            // Label-scoped writes are gated too (422).
            let sourceAdmin = try #require(team.roleId(named: "Source Admin"))
            let body = permissionsBody(roleId: sourceAdmin, resources: [(team.workspace.id, "WORKSPACE", [("env", "prod")])])
            let reply = try await sim.call(.POST, "/users/\(team.users[1].id)/permissions", body: body)
            #expect(reply.status == 422)
            #expect(reply.errorMessage.contains("plan does not include"))
        }
    }
}
