import Foundation
import SegmentSimulator
import Testing

@testable import SegmentAPI

/// Every read operation against the simulator, compared with the generated state.
@Suite struct ReadOperationTests {
    @Test func everyReadOperationReturnsTheSimulatedWorkspace() async throws {
        try await SimulatorHarness.run(size: .small, client: { $0.pageSize = 7 }) { _, client, state in
            #expect(
                try await client.getWorkspace()
                    == Workspace(
                        id: state.workspace.id, slug: state.workspace.slug,
                        name: state.workspace.name))
            let users = try await client.allUsers().collect()
            #expect(users.map(\.id) == state.users.map(\.id))
            #expect(users.map(\.email) == state.users.map(\.email))

            let expectedUser = try #require(state.users.first { !$0.permissions.isEmpty })
            let user = try await client.getUser(id: expectedUser.id)
            #expect(user.permissions?.map(\.roleId) == expectedUser.permissions.map(\.roleId))
            #expect(user.permissions?.flatMap { $0.resources.map(\.id) } == expectedUser.permissions.flatMap { $0.resources.map(\.id) })

            #expect(try await client.allInvites().collect() == state.invites.map(\.email))

            let groups = try await client.allUserGroups().collect()
            #expect(groups.map(\.id) == state.groups.map(\.id))
            let expectedGroup = try #require(state.groups.first { !$0.members.isEmpty && !$0.permissions.isEmpty })
            let group = try await client.getUserGroup(id: expectedGroup.id)
            #expect(group.permissions?.map(\.roleId) == expectedGroup.permissions.map(\.roleId))
            #expect(group.memberCount == Double(expectedGroup.members.count + expectedGroup.inviteMembers.count))
            let members = try await client.allUsersFromUserGroup(groupId: expectedGroup.id).collect()
            #expect(Set(members.map(\.id)) == Set(expectedGroup.members))
            let pending = try await client.allInvitesFromUserGroup(groupId: expectedGroup.id).collect()
            #expect(Set(pending) == Set(expectedGroup.inviteMembers))
            let memberId = expectedGroup.members[0]
            let memberGroups = try await client.allUserGroupsFromUser(userId: memberId).collect()
            #expect(memberGroups.map(\.id).contains(expectedGroup.id))
            #expect(Set(memberGroups.map(\.id)) == Set(state.groups.filter { $0.members.contains(memberId) }.map(\.id)))

            #expect(try await client.allRoles().collect().map(\.id) == state.roles.map(\.id))
            #expect(try await client.listLabels().map(\.identity) == state.labels.map { "\($0.key):\($0.value)" })
            let sources = try await client.allSources().collect()
            #expect(sources.map(\.id) == state.sources.map(\.id))
            #expect(sources.map { $0.labels?.map(\.identity) ?? [] } == state.sources.map { $0.labels.map { "\($0.key):\($0.value)" } })
            #expect(try await client.allWarehouses().collect().map(\.id) == state.warehouses.map(\.id))
            #expect(try await client.allSpaces().collect().map(\.id) == state.spaces.map(\.id))

            var functionIds: [String] = []
            for kind in FunctionResourceType.allCases {
                let functions = try await client.allFunctions(resourceType: kind).collect()
                #expect(functions.allSatisfy { $0.resourceType == kind.rawValue })
                functionIds += functions.compactMap(\.id)
            }
            #expect(Set(functionIds) == Set(state.functions.map(\.id)))

            let events = try await client.allAuditEvents().collect()
            #expect(Set(events.map(\.id)) == Set(state.auditEvents.map(\.id)))
            let first = try #require(state.auditEvents.first)
            let filtered = try await client.allAuditEvents(filter: AuditEventFilter(resourceId: first.resourceId)).collect()
            #expect(!filtered.isEmpty && filtered.allSatisfy { $0.resourceId == first.resourceId })
        }
    }

    @Test func paginationWalksAThousandUsersFiftyAtATime() async throws {
        try await SimulatorHarness.run(size: .users(1_000), client: { $0.pageSize = 50 }) { simulator, client, state in
            var ids: [String] = []
            for try await user in client.allUsers() { ids.append(user.id) }
            #expect(ids == state.users.map(\.id))
            #expect(await client.requestCounts["listUsers"] == 20)
            #expect(await simulator.stats()["listUsers"] == 20)

            let first = try await client.listUsers(cursor: nil)
            let cursor = first.next
            #expect(cursor != nil)
            let second = try await client.listUsers(cursor: cursor)
            #expect(second.items.map(\.id) == Array(state.users.map(\.id)[50..<100]))
            #expect(first.totalEntries == 1_000)
        }
    }
}
