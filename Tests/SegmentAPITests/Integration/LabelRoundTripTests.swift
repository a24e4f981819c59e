import Foundation
import SegmentSimulator
import Testing

@testable import SegmentAPI

/// A read followed by a replace writes back exactly what was there, labels included.
@Suite struct LabelRoundTripTests {
    @Test func labelScopedPermissionsSurviveReadThenReplaceByteForByte() async throws {
        try await SimulatorHarness.run(size: .small) { _, client, state in
            let labels = Array(state.labels.prefix(2)).map { Label(key: $0.key, value: $0.value, description: $0.description) }
            try #require(labels.count == 2)
            let role = try #require(state.roles.first { $0.name == "Source Read-only" } ?? state.roles.last)
            let user = state.users[3]
            // Make sure the user holds a label-scoped grant next to whatever it already has.
            try await client.addPermissionsToUser(
                userId: user.id,
                permissions: [
                    PermissionInput(
                        roleId: role.id,
                        resources: [
                            PermissionResource(id: state.workspace.id, type: .workspace, labels: labels)
                        ])
                ])
            let read = try #require(try await client.getUser(id: user.id).permissions)
            #expect(read.contains { $0.resources.contains { $0.labels?.count == 2 } })

            try await client.replacePermissionsForUser(userId: user.id, permissions: read.asInputs)
            let reread = try #require(try await client.getUser(id: user.id).permissions)
            #expect(try BodyEncoding.encode(reread) == BodyEncoding.encode(read))

            // The tuple route (what a revoke uses) keeps them too.
            try await client.replacePermissionsForUser(
                userId: user.id, permissions: PermissionTuple.inputs(from: PermissionTuple.tuples(from: reread)))
            let third = try #require(try await client.getUser(id: user.id).permissions)
            #expect(PermissionTuple.tuples(from: third) == PermissionTuple.tuples(from: read))
            #expect(PermissionTuple.tuples(from: third).flatMap(\.labels) == PermissionTuple.tuples(from: read).flatMap(\.labels))
        }
    }

    @Test func groupPermissionsWithLabelsSurviveReadThenReplace() async throws {
        try await SimulatorHarness.run(size: .small) { _, client, state in
            let group = try #require(state.groups.first)
            let labels = [Label(key: state.labels[0].key, value: state.labels[0].value)]
            let role = try #require(state.roles.first { $0.name == "Source Admin" })
            try await client.addPermissionsToUserGroup(
                groupId: group.id,
                permissions: [
                    PermissionInput(
                        roleId: role.id, resources: [PermissionResource(id: state.workspace.id, type: .workspace, labels: labels)])
                ])
            let read = try #require(try await client.getUserGroup(id: group.id).permissions)
            try await client.replacePermissionsForUserGroup(groupId: group.id, permissions: read.asInputs)
            let reread = try #require(try await client.getUserGroup(id: group.id).permissions)
            #expect(try BodyEncoding.encode(reread) == BodyEncoding.encode(read))
        }
    }
}
