import Foundation
import SegmentSimulator
import Testing

@Suite struct SnapshotStateTests {
    @Test func snapshotRouteMatchesTheLibraryAndReloadsIdentically() async throws {
        let original = WorkspaceGenerator.generate(seed: 21, size: .small, plan: .business)
        let served = try await Sim.returning(original) { sim async throws in
            // Mutate first, so the round trip carries runtime changes (and audit events).
            #expect(try await sim.call(.POST, "/groups", body: "{\"name\":\"Round Trip\"}").status == 200)
            let reply = try await sim.call(.GET, "/__simulator/snapshot", auth: false)
            #expect(reply.status == 200)
            let keys = Set(reply.json.keys)
            #expect(
                keys.isSuperset(of: [
                    "workspace", "users", "invites", "groups", "roles", "labels", "sources", "warehouses", "functions", "spaces",
                ]))
            let decoded = try JSONDecoder().decode(WorkspaceSnapshot.self, from: Data(reply.body))
            #expect(decoded == (await sim.simulator.snapshot()))
            return decoded
        }
        #expect(served.groups.count == original.groups.count + 1)
        // `--state FILE` path: write, read back, serve, snapshot again.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sim-state-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONEncoder().encode(served).write(to: file)
        let loaded = try JSONDecoder().decode(WorkspaceSnapshot.self, from: Data(contentsOf: file))
        try await Sim.with(loaded) { sim async throws in
            #expect(await sim.simulator.snapshot() == served)
        }
    }

    @Test func minimalHandWrittenStateLoads() async throws {
        let json = """
            {"workspace":{"id":"ws1","slug":"tiny","name":"Tiny"},
             "roles":[{"id":"r1","name":"Workspace Owner","description":"all"}],
             "users":[{"id":"u1","name":"Ödön","email":"odon@example.com","permissions":[{"roleId":"r1","resources":[{"id":"ws1","type":"WORKSPACE"}]}]}]}
            """
        let state = try JSONDecoder().decode(WorkspaceSnapshot.self, from: Data(json.utf8))
        try await Sim.with(state) { sim async throws in
            let user = try await sim.get("/users/u1").data["user"] as? [String: Any]
            #expect((user?["permissions"] as? [[String: Any]])?.first?["roleName"] as? String == "Workspace Owner")
            #expect(try await sim.get("/groups").list("userGroups").isEmpty)
        }
    }
}
