import Foundation
import SegmentSimulator
import Testing

@Suite struct StatefulWriteTests {
    let s = Sim.demo

    @Test func groupLifecycleAndMembershipByEmail() async throws {
        try await Sim.with { sim async throws in
            let created = try await sim.call(.POST, "/groups", body: "{\"name\":\"Søren's Crew\"}")
            #expect(created.status == 200)
            let group = try #require(created.data["userGroup"] as? [String: Any])
            let id = try #require(group["id"] as? String)
            #expect(group["name"] as? String == "Søren's Crew")

            let zoe = s.users[0], jose = s.users[1], invitee = s.invites[0].email
            let add = try await sim.call(
                .POST, "/groups/\(id)/users", body: "{\"emails\":[\"\(zoe.email)\",\"\(jose.email)\",\"\(invitee)\"]}")
            #expect(add.status == 200)
            #expect((add.data["userGroup"] as? [String: Any])?["memberCount"] as? Int == 3)
            #expect(try await sim.get("/groups/\(id)/users").list("users").map { $0["id"] as? String } == [zoe.id, jose.id])
            #expect(try await sim.get("/groups/\(id)/invites").strings("emails") == [invitee])
            #expect(try await sim.get("/users/\(jose.id)/groups").list("groups").contains { $0["id"] as? String == id })

            // Unknown e-mail → 422, nothing changes.
            let unknown = try await sim.call(.POST, "/groups/\(id)/users", body: "{\"emails\":[\"stranger@example.com\"]}")
            #expect(unknown.status == 422)

            // Singular /group/ path: remove (e-mail with '+' percent-encoded), then replace.
            let removed = try await sim.call(.DELETE, "/group/\(id)/users?emails.0=\(Sim.encode(jose.email))")
            #expect(removed.status == 200)
            #expect(removed.data["status"] as? String == "SUCCESS")
            #expect(await sim.simulator.snapshot().group(id: id)?.members == [zoe.id])
            let replaced = try await sim.call(.PUT, "/group/\(id)/users", body: "{\"emails\":[\"\(jose.email)\"]}")
            #expect(replaced.status == 200)
            let snap = await sim.simulator.snapshot().group(id: id)
            #expect(snap?.members == [jose.id])
            #expect(snap?.inviteMembers == [])

            #expect(try await sim.call(.PATCH, "/groups/\(id)", body: "{\"name\":\"Renamed\"}").status == 200)
            #expect((try await sim.get("/groups/\(id)").data["userGroup"] as? [String: Any])?["name"] as? String == "Renamed")
            #expect(try await sim.call(.DELETE, "/groups/\(id)").status == 200)
            #expect(try await sim.get("/groups/\(id)").status == 404)
        }
    }

    @Test func deletingAUserRemovesThemFromGroupsAndLists() async throws {
        try await Sim.with { sim async throws in
            let group = try #require(s.groups.first { !$0.members.isEmpty && !s.workspaceOwners.map(\.id).contains($0.members[0]) })
            let victim = group.members[0]
            let reply = try await sim.call(.DELETE, "/users?userIds.0=\(victim)")
            #expect(reply.status == 200)
            #expect(try await sim.get("/users/\(victim)").status == 404)
            let snapshot = await sim.simulator.snapshot()
            #expect(snapshot.users.count == s.users.count - 1)
            #expect(snapshot.groups.allSatisfy { !$0.members.contains(victim) })
            #expect(try await sim.get("/users").pagination["totalEntries"] as? Int == s.users.count - 1)
            #expect(try await sim.call(.DELETE, "/users?userIds.0=\(victim)").status == 404)
        }
    }

    @Test func invitesAreCreatedListedAndDeleted() async throws {
        try await Sim.with { sim async throws in
            let minimal = try #require(s.roleId(named: "Minimal Workspace Access"))
            let body = """
                {"invites":[{"email":"ana+new@example.com","permissions":[{"roleId":"\(minimal)","resources":[{"id":"\(s.workspace.id)","type":"WORKSPACE"}]}]}]}
                """
            let created = try await sim.call(.POST, "/invites", body: body)
            #expect(created.status == 201)
            #expect(created.strings("emails") == ["ana+new@example.com"])
            #expect(try await sim.get("/invites").strings("invites").contains("ana+new@example.com"))
            #expect(await sim.simulator.snapshot().invites.last?.permissions.first?.roleId == minimal)
            #expect(try await sim.call(.POST, "/invites", body: body).status == 422, "already invited")
            #expect(
                try await sim.call(.POST, "/invites", body: "{\"invites\":[{\"email\":\"\(s.users[2].email)\"}]}").status == 422,
                "already a member")

            let deleted = try await sim.call(.DELETE, "/invites?emails.0=\(Sim.encode("ana+new@example.com"))")
            #expect(deleted.status == 200)
            #expect(try await sim.get("/invites").strings("invites") == s.invites.map(\.email))
            // Unencoded '+' decodes to a space, as in any form decoder: that invite does not exist.
            _ = try await sim.call(.POST, "/invites", body: body)
            #expect(try await sim.call(.DELETE, "/invites?emails.0=ana+new@example.com").status == 404)
        }
    }

    @Test func resetRestoresInitialState() async throws {
        try await Sim.with { sim async throws in
            #expect(try await sim.call(.DELETE, "/groups/\(s.groups[0].id)").status == 200)
            #expect(await sim.simulator.snapshot() != s)
            await sim.simulator.reset()
            #expect(await sim.simulator.snapshot() == s)
            #expect(await sim.simulator.stats().total == 0)
        }
    }
}
