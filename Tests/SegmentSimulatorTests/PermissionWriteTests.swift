import Foundation
import SegmentSimulator
import Testing

@Suite struct PermissionWriteTests {
    let s = Sim.demo
    var member: WorkspaceSnapshot.User { s.users[3] }
    var sourceAdmin: String { s.roleId(named: "Source Admin")! }

    @Test func invalidPermissionWritesAre422() async throws {
        try await Sim.with { sim async throws in
            let path = "/users/\(member.id)/permissions"
            let cases: [(String, String)] = [
                ("unknown role", permissionsBody(roleId: "no-such-role", resources: [(s.workspace.id, "WORKSPACE", [])])),
                ("bad resource type", permissionsBody(roleId: sourceAdmin, resources: [(s.sources[0].id, "DESTINATION", [])])),
                ("lower-case type", permissionsBody(roleId: sourceAdmin, resources: [(s.sources[0].id, "source", [])])),
                ("unknown source", permissionsBody(roleId: sourceAdmin, resources: [("missing-source", "SOURCE", [])])),
                ("labels on a source", permissionsBody(roleId: sourceAdmin, resources: [(s.sources[0].id, "SOURCE", [("env", "prod")])])),
                ("unknown label", permissionsBody(roleId: sourceAdmin, resources: [(s.workspace.id, "WORKSPACE", [("env", "moon")])])),
                ("role on wrong type", permissionsBody(roleId: sourceAdmin, resources: [(s.warehouses[0].id, "WAREHOUSE", [])])),
                ("not JSON", "{"),
            ]
            for (name, body) in cases {
                let reply = try await sim.call(.POST, path, body: body)
                #expect(reply.status == 422, "\(name)")
                #expect(!reply.errorMessage.isEmpty, "\(name)")
            }
            #expect(try await sim.call(.POST, "/users/nobody/permissions", body: cases[0].1).status == 404)
            #expect(await sim.simulator.snapshot().user(id: member.id)?.permissions == member.permissions)
        }
    }

    @Test func addAppendsWithoutDuplicatesAndReplaceReplaces() async throws {
        try await Sim.with { sim async throws in
            let path = "/users/\(member.id)/permissions"
            let grant = permissionsBody(
                roleId: sourceAdmin, resources: [(s.sources[1].id, "SOURCE", []), (s.workspace.id, "WORKSPACE", [("env", "prod")])])
            let added = try await sim.call(.POST, path, body: grant)
            #expect(added.status == 200)
            #expect(added.list("permissions").first?["roleName"] as? String == "Source Admin")
            _ = try await sim.call(.POST, path, body: grant)  // identical tuple: no duplicate
            let after = try #require(await sim.simulator.snapshot().user(id: member.id))
            #expect(after.permissions.count == member.permissions.count + 1)
            let read = try await sim.get("/users/\(member.id)").data["user"] as? [String: Any]
            let perms = read?["permissions"] as? [[String: Any]] ?? []
            let labelled = perms.flatMap { $0["resources"] as? [[String: Any]] ?? [] }.first { $0["labels"] != nil }
            #expect((labelled?["labels"] as? [[String: Any]])?.first?["value"] as? String == "prod")

            let minimal = try #require(s.roleId(named: "Minimal Workspace Access"))
            let replaced = try await sim.call(
                .PUT, path, body: permissionsBody(roleId: minimal, resources: [(s.workspace.id, "WORKSPACE", [])]))
            #expect(replaced.status == 200)
            #expect(await sim.simulator.snapshot().user(id: member.id)?.permissions.map(\.roleId) == [minimal])
        }
    }

    @Test func lastWorkspaceOwnerCannotBeRemoved() async throws {
        try await Sim.with { sim async throws in
            let owner = try #require(s.workspaceOwners.first)
            #expect(s.workspaceOwners.count == 1)
            let delete = try await sim.call(.DELETE, "/users?userIds.0=\(owner.id)")
            #expect(delete.status == 422)
            #expect(delete.errorMessage.contains("Workspace Owner"))
            let minimal = try #require(s.roleId(named: "Minimal Workspace Access"))
            let demote = try await sim.call(
                .PUT, "/users/\(owner.id)/permissions",
                body: permissionsBody(roleId: minimal, resources: [(s.workspace.id, "WORKSPACE", [])]))
            #expect(demote.status == 422)
            #expect(demote.errorMessage.contains("Workspace Owner"))
            // With a second owner the first may go.
            let ownerRole = try #require(s.roleId(named: "Workspace Owner"))
            #expect(
                try await sim.call(
                    .POST, "/users/\(member.id)/permissions",
                    body: permissionsBody(roleId: ownerRole, resources: [(s.workspace.id, "WORKSPACE", [])])
                ).status == 200)
            #expect(try await sim.call(.DELETE, "/users?userIds.0=\(owner.id)").status == 200)
            #expect(await sim.simulator.snapshot().workspaceOwners.map(\.id) == [member.id])
        }
    }

    @Test func groupPermissionsValidateAndPersist() async throws {
        try await Sim.with { sim async throws in
            let group = s.groups[0]
            let readOnly = try #require(s.roleId(named: "Warehouse Read-only"))
            let body = permissionsBody(roleId: readOnly, resources: [(s.warehouses[0].id, "WAREHOUSE", [])])
            #expect(try await sim.call(.POST, "/groups/\(group.id)/permissions", body: body).status == 200)
            let read = try await sim.get("/groups/\(group.id)").data["userGroup"] as? [String: Any]
            #expect((read?["permissions"] as? [[String: Any]] ?? []).contains { $0["roleId"] as? String == readOnly })
            #expect(try await sim.call(.PUT, "/groups/\(group.id)/permissions", body: "{\"permissions\":[]}").status == 200)
            #expect(await sim.simulator.snapshot().group(id: group.id)?.permissions.isEmpty == true)
            #expect(
                try await sim.call(
                    .POST, "/groups/\(group.id)/permissions",
                    body: permissionsBody(roleId: "nope", resources: [(s.workspace.id, "WORKSPACE", [])])
                ).status == 422)
        }
    }
}
