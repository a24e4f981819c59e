import SegmentSimulator
import Testing

/// A generated workspace bent by hand into the corners the generator never reaches: custom
/// roles, roles observed where the catalogue does not expect them, label sets in any order,
/// permissions and memberships pointing at things that no longer exist, nameless objects.
@Suite("Edge-case workspace")
struct EdgeCaseWorkspaceTests {
    typealias S = WorkspaceSnapshot

    static func bentWorkspace() throws -> S {
        var state = WorkspaceGenerator.generate(seed: 31, size: .demo, plan: .business)
        let ws = S.PermissionResource(id: state.workspace.id, type: "WORKSPACE")
        let source = try #require(state.sources.first).id
        let warehouse = try #require(state.warehouses.first).id
        let memberRole = try #require(state.roleId(named: "Workspace Member"))
        let sourceAdmin = try #require(state.roleId(named: "Source Admin"))
        let custom = S.Role(id: "custom-role-1", name: "Data Steward (EU)", description: "A custom role")
        state.roles.append(custom)

        // A custom role the catalogue does not know: an entitlement on every scoped resource.
        state.users[2].permissions.append(S.Permission(roleId: custom.id, resources: [.init(id: source, type: "SOURCE")]))
        // A workspace-only role observed on a warehouse, and a source role on a warehouse.
        state.users[3].permissions.append(S.Permission(roleId: memberRole, resources: [.init(id: warehouse, type: "WAREHOUSE")]))
        state.users[3].permissions.append(S.Permission(roleId: sourceAdmin, resources: [.init(id: warehouse, type: "WAREHOUSE")]))
        // One label set spelled in two orders by two principals: one entitlement.
        let labels = [S.Label(key: "team", value: "data"), S.Label(key: "env", value: "prod")]
        state.users[4].permissions.append(
            S.Permission(roleId: sourceAdmin, resources: [.init(id: ws.id, type: "WORKSPACE", labels: labels)]))
        state.groups[0].permissions.append(
            S.Permission(roleId: sourceAdmin, resources: [.init(id: ws.id, type: "WORKSPACE", labels: labels.reversed())]))
        // Dangling: a deleted source, an unknown role.
        state.users[5].permissions.append(S.Permission(roleId: sourceAdmin, resources: [.init(id: "deleted-source", type: "SOURCE")]))
        state.users[5].permissions.append(S.Permission(roleId: "deleted-role", resources: [ws]))
        // Group members that are neither users nor pending invites.
        state.groups[1].members.append("deleted-user")
        state.groups[1].inviteMembers.append("never.invited@example.com")
        // A user without a name shows as their e-mail.
        state.users[6].name = ""
        // Nameless resources fall back: a source to its slug, a warehouse to "<catalog> (<id>)".
        state.sources[1].name = nil
        state.warehouses[1].settings.name = nil
        return state
    }

    @Test("custom roles, off-catalogue roles, label order and dangling references map as the data model says")
    func bentWorkspaceMatchesOracle() async throws {
        let state = try Self.bentWorkspace()
        try await SyncFixture.run(state: state) { fixture in
            let file = fixture.path("sync.c1z")
            try await fixture.sync(into: file)
            let synced = try SyncedFile(path: file)
            let expected = fixture.expected
            expectMatches(synced, expected)
            expectDataModelNames(synced, state)

            // The oracle's reading of the corners, spelled out.
            let source = state.sources[0].id, warehouse = state.warehouses[0].id
            for other in state.sources.map({ "source:\($0.id)" }) + state.spaces.map({ "space:\($0.id)" }) {
                #expect(synced.entitlements["\(other):data_steward_eu"] != nil, "custom role missing on \(other)")
            }
            #expect(synced.grants["source:\(source):data_steward_eu:user:\(state.users[2].id)"] != nil)
            #expect(synced.entitlements["warehouse:\(warehouse):workspace_member"] != nil)
            #expect(synced.entitlements["warehouse:\(warehouse):source_admin"] != nil)
            #expect(synced.entitlements["warehouse:\(state.warehouses[1].id):workspace_member"] == nil)
            let sourceAdmin = try #require(state.roleId(named: "Source Admin"))
            let labelled = "role:\(sourceAdmin):member:labels:env=prod,team=data"
            #expect(synced.grants["\(labelled):user:\(state.users[4].id)"] != nil)
            #expect(synced.grants["\(labelled):group:\(state.groups[0].id)"] != nil)
            #expect(!synced.grants.keys.contains { $0.contains("deleted-") || $0.contains("never.invited") })
            #expect(synced.resources["user:\(state.users[6].id)"]?.displayName == state.users[6].email)
        }
    }
}
