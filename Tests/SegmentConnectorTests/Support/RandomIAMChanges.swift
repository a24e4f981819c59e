import BatonKit
import SegmentAPI
import SegmentSimulator

/// Random access changes made through the simulator's public API, as an admin would make them,
/// and the principals each one changed (the user, group or invite the write is about).
enum RandomIAMChanges {
    /// Makes `count` changes chosen by `seed` against the workspace `snapshot` describes; returns
    /// the changed principals. Groups are left alone on a team plan; `invites: false` leaves
    /// invitations alone too (a targeted invite costs one request per group, see the data model).
    static func apply(
        count: Int, seed: UInt64, snapshot: WorkspaceSnapshot, plan: Plan, client: SegmentClient,
        invites includeInvites: Bool = true
    ) async throws -> Set<ResourceId> {
        var rng = TestRandom(seed: seed)
        var users = snapshot.users
        var invites = snapshot.invites.map(\.email)
        let groups = plan == .team ? [] : snapshot.groups
        let owner = snapshot.roles.first { $0.name == "Workspace Owner" }?.id
        let sourceRoles = snapshot.roles.filter { $0.name == "Source Admin" || $0.name == "Source Read-only" }
        var changed: Set<ResourceId> = []
        var made = 0
        while made < count {
            // Never touch a Workspace Owner (the last-owner rule would refuse some writes).
            let ordinary = users.filter { user in !user.permissions.contains { $0.roleId == owner } }
            switch rng.below(groups.isEmpty ? 4 : 7) {
            case 0 where !ordinary.isEmpty && !sourceRoles.isEmpty && !snapshot.sources.isEmpty:
                let user = rng.pick(ordinary)
                let permission = PermissionInput(
                    roleId: rng.pick(sourceRoles).id,
                    resources: [PermissionResource(id: rng.pick(snapshot.sources).id, type: .source)])
                try await client.addPermissionsToUser(userId: user.id, permissions: [permission])
                changed.insert(ResourceId("user", user.id))
            case 1 where !ordinary.isEmpty:
                let user = rng.pick(ordinary)
                let held = try await client.getUser(id: user.id).permissions ?? []
                guard held.count > 1 else { continue }
                let kept = held.dropFirst().map { PermissionInput($0) }
                try await client.replacePermissionsForUser(userId: user.id, permissions: Array(kept))
                changed.insert(ResourceId("user", user.id))
            case 2 where ordinary.count > 1:
                let user = rng.pick(ordinary)
                try await client.deleteUsers(ids: [user.id])
                users.removeAll { $0.id == user.id }
                changed.insert(ResourceId("user", user.id))
            case 3 where includeInvites:
                let email = "new.person.\(seed).\(made)@example.com"
                try await client.createInvites([InviteInput(email: email)])
                invites.append(email)
                changed.insert(ResourceId("invite", email))
            case 4 where !users.isEmpty:
                let group = rng.pick(groups)
                let user = rng.pick(users)
                _ = try await client.addUsersToUserGroup(groupId: group.id, emails: [user.email])
                changed.insert(ResourceId("group", group.id))
            case 5:
                let group = rng.pick(groups)
                let members = try await client.allUsersFromUserGroup(groupId: group.id).collect()
                guard let member = members.first, let email = member.email else { continue }
                try await client.removeUsersFromUserGroup(groupId: group.id, emails: [email])
                changed.insert(ResourceId("group", group.id))
            case 6 where !sourceRoles.isEmpty && !snapshot.sources.isEmpty:
                let group = rng.pick(groups)
                let permission = PermissionInput(
                    roleId: rng.pick(sourceRoles).id,
                    resources: [PermissionResource(id: rng.pick(snapshot.sources).id, type: .source)])
                try await client.addPermissionsToUserGroup(groupId: group.id, permissions: [permission])
                changed.insert(ResourceId("group", group.id))
            default:
                continue
            }
            made += 1
        }
        return changed
    }
}

/// SplitMix64 for test choices: the same seed gives the same changes on every platform.
struct TestRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
