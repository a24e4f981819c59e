import Foundation
import SegmentSimulator
import Testing

@Suite struct WorkspaceGeneratorTests {
    @Test func sameSeedGivesSameSnapshotAndDifferentSeedDiffers() {
        let a = WorkspaceGenerator.generate(seed: 42, size: .small, plan: .business)
        let b = WorkspaceGenerator.generate(seed: 42, size: .small, plan: .business)
        let c = WorkspaceGenerator.generate(seed: 43, size: .small, plan: .business)
        #expect(a == b)
        #expect(a != c)
        #expect(a.users.map(\.id) != c.users.map(\.id))
    }

    @Test func demoPresetIsSmallAndCoversEveryKind() {
        let s = WorkspaceGenerator.generate(seed: 1, size: .demo, plan: .business)
        #expect(s.users.count == 12)
        #expect(s.groups.count == 3)
        #expect(s.sources.count == 4)
        #expect(s.warehouses.count == 2)
        #expect(s.functions.count == 5)
        #expect(s.spaces.count == 2)
        #expect(s.invites.count == 3)
        #expect(
            Set(s.functions.map(\.resourceType)) == [
                "SOURCE", "DESTINATION", "INSERT_SOURCE", "INSERT_DESTINATION", "INSERT_TRANSFORMATION",
            ])
        #expect(s.workspaceOwners.count == 1)
        #expect(s.users.contains { $0.name == "Zoë Ångström" })
        #expect(s.users.contains { $0.email.contains("+") })
        let all = s.users.flatMap(\.permissions) + s.groups.flatMap(\.permissions)
        #expect(all.contains { $0.resources.contains { $0.labels?.isEmpty == false } }, "a label-scoped grant")
        #expect(all.contains { $0.resources.contains { $0.type == "SOURCE" } })
        #expect(all.contains { $0.resources.count > 1 } || all.contains { $0.resources.contains { $0.type == "WAREHOUSE" } })
        #expect(all.allSatisfy { $0.roleName != nil && s.roles.map(\.id).contains($0.roleId) })
        #expect(s.groups.contains { !$0.members.isEmpty })
        #expect(s.sources.contains { !$0.labels.isEmpty })
        #expect(s.roles.map(\.name).contains("Unify and Engage Admin"))
    }

    @Test func largePresetIsBigUniqueAndFast() {
        let started = Date()
        let s = WorkspaceGenerator.generate(seed: 9, size: .large, plan: .business)
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 2.0, "generation took \(elapsed) s")
        #expect(s.users.count == 10_000)
        #expect(s.groups.count == 300)
        #expect(s.sources.count == 500)
        #expect(s.warehouses.count == 50)
        #expect(s.functions.count == 200)
        #expect(s.spaces.count == 20)
        #expect(s.invites.count == 500)
        let ids =
            [s.workspace.id] + s.users.map(\.id) + s.groups.map(\.id) + s.sources.map(\.id)
            + s.warehouses.map(\.id) + s.functions.map(\.id) + s.spaces.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(s.users.map { $0.email.lowercased() }).count == s.users.count)
        #expect((1...5).contains(s.workspaceOwners.count))
    }

    @Test func teamPlanHasNoGroupsWarehousesSpacesOrLabels() {
        let s = WorkspaceGenerator.generate(seed: 3, size: .small, plan: .team)
        #expect(s.groups.isEmpty && s.warehouses.isEmpty && s.spaces.isEmpty && s.labels.isEmpty)
        #expect(
            Set(s.roles.map(\.name)) == [
                "Workspace Owner", "Minimal Workspace Access", "Source Admin", "Source Read-only", "Function Admin",
            ])
        #expect(s.users.flatMap(\.permissions).allSatisfy { p in p.resources.allSatisfy { $0.labels == nil } })
        #expect(s.sources.allSatisfy { $0.labels.isEmpty })
    }

    @Test func presetNamesResolve() {
        #expect(WorkspaceSize.preset("medium") == .medium)
        #expect(WorkspaceSize.preset("LARGE") == .large)
        #expect(WorkspaceSize.preset("huge") == nil)
    }

    @Test func snapshotSurvivesJSONRoundTrip() throws {
        let s = WorkspaceGenerator.generate(seed: 5, size: .demo, plan: .business)
        let data = try JSONEncoder().encode(s)
        #expect(try JSONDecoder().decode(WorkspaceSnapshot.self, from: data) == s)
    }
}
