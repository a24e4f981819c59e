import Testing

@testable import SegmentAPI

@Suite struct PermissionTupleTests {
    let prod = Label(key: "env", value: "prod", description: "Production")
    let eu = Label(key: "region", value: "eu")

    var permissions: [Permission] {
        [
            Permission(
                roleId: "admin", roleName: "Source Admin",
                resources: [
                    PermissionResource(id: "s1", type: .source), PermissionResource(id: "s2", type: .source),
                ]),
            Permission(roleId: "ro", resources: [PermissionResource(id: "w", type: .workspace, labels: [eu, prod])]),
            Permission(roleId: "admin", resources: [PermissionResource(id: "wh", type: .warehouse)]),
        ]
    }

    @Test func multiResourcePermissionsExplodeIntoOneTuplePerResource() {
        let tuples = PermissionTuple.tuples(from: permissions)
        #expect(
            tuples.map(\.description) == [
                "admin/SOURCE/s1", "admin/SOURCE/s2", "ro/WORKSPACE/w[env:prod,region:eu]",
                "admin/WAREHOUSE/wh",
            ])
        #expect(tuples[2].labels == [prod, eu])
    }

    @Test func tuplesRegroupIntoOneInputPerRoleInFirstSeenOrder() {
        let inputs = PermissionTuple.inputs(from: PermissionTuple.tuples(from: permissions))
        #expect(inputs.map(\.roleId) == ["admin", "ro"])
        #expect(inputs[0].resources.map(\.id) == ["s1", "s2", "wh"])
        #expect(inputs[1].resources == [PermissionResource(id: "w", type: .workspace, labels: [prod, eu])])
    }

    @Test func removingOneTupleKeepsEveryOtherGrantWithItsLabels() {
        var tuples = PermissionTuple.tuples(from: permissions)
        tuples.removeAll { $0 == PermissionTuple(roleId: "admin", resourceType: .source, resourceId: "s1") }
        let inputs = PermissionTuple.inputs(from: tuples)
        #expect(inputs[0].resources.map(\.id) == ["s2", "wh"])
        #expect(inputs[1].resources[0].labels == [prod, eu])
    }

    @Test func identityIgnoresLabelOrderAndDescriptionsButNotLabelValues() {
        let a = PermissionTuple(roleId: "r", resourceType: .workspace, resourceId: "w", labels: [eu, prod])
        let b = PermissionTuple(
            roleId: "r", resourceType: .workspace, resourceId: "w",
            labels: [Label(key: "env", value: "prod"), eu])
        let c = PermissionTuple(roleId: "r", resourceType: .workspace, resourceId: "w", labels: [eu])
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a != c)
    }

    @Test func duplicatesCollapseAndPermissionLevelLabelsScopeWorkspaceResources() {
        let doubled = permissions + [Permission(roleId: "admin", resources: [PermissionResource(id: "s1", type: .source)])]
        #expect(PermissionTuple.tuples(from: doubled).count == 4)
        let legacy = [Permission(roleId: "r", resources: [PermissionResource(id: "w", type: .workspace)], labels: [prod])]
        #expect(PermissionTuple.tuples(from: legacy).first?.labels == [prod])
    }
}
