import Foundation
import SegmentSimulator
import Testing

@testable import SegmentAPI

/// Every write operation against the simulator, checked by reading the state back.
@Suite struct WriteOperationTests {
    @Test func invitesAreCreatedListedAndDeleted() async throws {
        try await SimulatorHarness.run { simulator, client, state in
            let owner = try #require(state.roles.first { $0.name == "Workspace Owner" })
            let email = "new+person@example.com"
            let created = try await client.createInvites([
                InviteInput(
                    email: email,
                    permissions: [
                        InvitePermission(roleId: owner.id, resources: [InviteResource(id: state.workspace.id, type: .workspace)])
                    ])
            ])
            #expect(created == [email])
            #expect(try await client.allInvites().collect().contains(email))
            try await client.deleteInvites(emails: [email])
            #expect(try await !client.allInvites().collect().contains(email))
            #expect(await simulator.snapshot().invites.map(\.email) == state.invites.map(\.email))
        }
    }

    @Test func inviteLabelsTravelOnThePermission() async throws {
        try await SimulatorHarness.run(size: .small) { simulator, client, state in
            let role = try #require(state.roles.first { $0.name == "Source Admin" })
            let label = try #require(state.labels.first)
            try await client.createInvites([
                InviteInput(
                    email: "scoped@example.com",
                    permissions: [
                        InvitePermission(
                            roleId: role.id, resources: [InviteResource(id: state.workspace.id, type: .workspace)],
                            labels: [Label(key: label.key, value: label.value)])
                    ])
            ])
            let invite = try #require(await simulator.snapshot().invites.first { $0.email == "scoped@example.com" })
            #expect(invite.permissions.first?.resources.first?.labels?.map(\.key) == [label.key])
        }
    }

    @Test func groupsAreCreatedRenamedFilledEmptiedAndDeleted() async throws {
        try await SimulatorHarness.run { simulator, client, state in
            let group = try await client.createUserGroup(name: "Analysts")
            #expect(group.name == "Analysts" && group.memberCount == 0)
            #expect(try await client.updateUserGroup(id: group.id, name: "Data Analysts").name == "Data Analysts")

            let (a, b) = (state.users[0], state.users[1])
            let pendingEmail = try #require(state.invites.first?.email)
            let afterAdd = try await client.addUsersToUserGroup(groupId: group.id, emails: [a.email, b.email, pendingEmail])
            #expect(afterAdd.memberCount == 3)
            #expect(Set(try await client.allUsersFromUserGroup(groupId: group.id).collect().map(\.id)) == [a.id, b.id])
            #expect(try await client.allInvitesFromUserGroup(groupId: group.id).collect() == [pendingEmail])

            try await client.removeUsersFromUserGroup(groupId: group.id, emails: [a.email])
            #expect(try await client.allUsersFromUserGroup(groupId: group.id).collect().map(\.id) == [b.id])
            let replaced = try await client.replaceUsersInUserGroup(groupId: group.id, emails: [a.email])
            #expect(replaced.memberCount == 1)
            #expect(try await client.replaceUsersInUserGroup(groupId: group.id, emails: []).memberCount == 0)

            let role = try #require(state.roles.first { $0.name == "Source Admin" })
            let source = try #require(state.sources.first)
            let sourceAdmin = PermissionInput(roleId: role.id, resources: [PermissionResource(id: source.id, type: .source)])
            try await client.addPermissionsToUserGroup(groupId: group.id, permissions: [sourceAdmin])
            #expect(try await client.getUserGroup(id: group.id).permissions?.map(\.roleId) == [role.id])
            try await client.replacePermissionsForUserGroup(groupId: group.id, permissions: [])
            #expect(try await client.getUserGroup(id: group.id).permissions ?? [] == [])

            try await client.deleteUserGroup(id: group.id)
            await #expect(throws: SegmentAPIError.self) { try await client.getUserGroup(id: group.id) }
            #expect(await simulator.snapshot().groups.count == state.groups.count)
        }
    }

    @Test func userPermissionsAreAddedReplacedAndUsersDeleted() async throws {
        try await SimulatorHarness.run { _, client, state in
            let user = state.users[2]
            let role = try #require(state.roles.first { $0.name == "Source Admin" })
            let source = try #require(state.sources.last)
            let grant = PermissionInput(roleId: role.id, resources: [PermissionResource(id: source.id, type: .source)])
            let before = try await client.getUser(id: user.id).permissions ?? []
            try await client.addPermissionsToUser(userId: user.id, permissions: [grant])
            let after = try await client.getUser(id: user.id).permissions ?? []
            let added = PermissionTuple(roleId: role.id, resourceType: .source, resourceId: source.id)
            #expect(PermissionTuple.tuples(from: after).contains(added))

            // Revoke exactly that tuple: everything else goes back unchanged.
            let remaining = PermissionTuple.tuples(from: after).filter { $0 != added }
            try await client.replacePermissionsForUser(userId: user.id, permissions: PermissionTuple.inputs(from: remaining))
            let reverted = try await client.getUser(id: user.id).permissions ?? []
            #expect(Set(PermissionTuple.tuples(from: reverted)) == Set(PermissionTuple.tuples(from: before)))

            try await client.deleteUsers(ids: [user.id])
            do {
                _ = try await client.getUser(id: user.id)
                Issue.record("a deleted user is still readable")
            } catch SegmentAPIError.notFound(let operation, _) {
                #expect(operation == "getUser")
            }
        }
    }
}
