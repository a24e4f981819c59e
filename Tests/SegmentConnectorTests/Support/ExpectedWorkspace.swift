import SegmentConnector
import SegmentSimulator

/// The independent oracle: what a sync of `snapshot` must write, per docs/data-model.md, built
/// from the simulator's own state without touching the connector's mapping code. Only
/// `RoleScopes.kinds(forRoleNamed:)` is shared, because that table is configuration.
struct ExpectedWorkspace: Sendable {
    /// `<type>:<id>` of every resource.
    var resources: Set<String> = []
    /// Every entitlement id.
    var entitlements: Set<String> = []
    /// Label-scoped role entitlements (`role:<id>:member:labels:...`), a subset of `entitlements`.
    var labelScopedEntitlements: Set<String> = []
    /// Grants the connector lists itself (not created by expansion).
    var directGrants: Set<String> = []
    /// Grants held through a group, by grant id: the `group:<g>:member` entitlements they come from.
    var inheritedSources: [String: Set<String>] = [:]
    /// Direct grants whose principal is a group, with that group's `member` entitlement id.
    var groupHeldGrants: [String: String] = [:]
    /// Users by resource key, for trait checks.
    var users: [String: WorkspaceSnapshot.User] = [:]

    /// Every grant in the file: direct ones plus those created by expansion.
    var allGrants: Set<String> { directGrants.union(inheritedSources.keys) }

    /// Grants created by expansion only (no direct grant with the same id).
    var expandedOnlyGrants: Set<String> { Set(inheritedSources.keys).subtracting(directGrants) }

    init(_ snapshot: WorkspaceSnapshot, plan: Plan = .business) {
        // A team plan has no groups, warehouses or spaces, whatever the state holds.
        let groups = plan == .team ? [] : snapshot.groups
        let scoped: [ScopedResourceKind: [String]] = [
            .source: snapshot.sources.map(\.id),
            .warehouse: plan == .team ? [] : snapshot.warehouses.map(\.id),
            .function: snapshot.functions.map(\.id),
            .space: plan == .team ? [] : snapshot.spaces.map(\.id),
        ]
        let roles = Dictionary(snapshot.roles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let userIds = Set(snapshot.users.map(\.id))
        let inviteEmails = Set(snapshot.invites.map(\.email))
        var existing: [String: Set<String>] = [:]  // Segment type -> ids
        for (kind, ids) in scoped { existing[kind.rawValue.uppercased()] = Set(ids) }

        // The entitlement a (role, permission resource) pair is a grant of, or nil when it dangles.
        func entitlement(roleId: String, _ resource: WorkspaceSnapshot.PermissionResource) -> String? {
            guard let role = roles[roleId] else { return nil }
            if resource.type == "WORKSPACE" {
                let labels = resource.labels ?? []
                return labels.isEmpty ? "role:\(roleId):member" : "role:\(roleId):member:labels:\(Self.labelSlug(labels))"
            }
            guard let kind = ScopedResourceKind(rawValue: resource.type.lowercased()),
                existing[resource.type]?.contains(resource.id) == true
            else { return nil }
            return "\(kind.rawValue):\(resource.id):\(Self.roleSlug(role.name))"
        }

        // Roles observed on scoped resources and label sets in use, from users and groups alike.
        var observed: [String: Set<String>] = [:]  // "<kind>:<id>" -> role ids
        var labelSets: [String: Set<String>] = [:]  // role id -> label slugs
        let principals = snapshot.users.map(\.permissions) + groups.map(\.permissions)
        for permissions in principals {
            for permission in permissions {
                for resource in permission.resources {
                    if resource.type == "WORKSPACE" {
                        if let labels = resource.labels, !labels.isEmpty {
                            labelSets[permission.roleId, default: []].insert(Self.labelSlug(labels))
                        }
                    } else {
                        observed["\(resource.type.lowercased()):\(resource.id)", default: []].insert(permission.roleId)
                    }
                }
            }
        }

        // Resources and entitlements.
        let ws = snapshot.workspace.id
        resources.insert("workspace:\(ws)")
        entitlements.insert("workspace:\(ws):member")
        for user in snapshot.users {
            resources.insert("user:\(user.id)")
            users["user:\(user.id)"] = user
        }
        for invite in snapshot.invites { resources.insert("invite:\(invite.email)") }
        for group in groups {
            resources.insert("group:\(group.id)")
            entitlements.insert("group:\(group.id):member")
        }
        for role in snapshot.roles {
            resources.insert("role:\(role.id)")
            entitlements.insert("role:\(role.id):member")
            for slug in labelSets[role.id] ?? [] {
                let id = "role:\(role.id):member:labels:\(slug)"
                entitlements.insert(id)
                labelScopedEntitlements.insert(id)
            }
        }
        for (kind, ids) in scoped {
            for id in ids {
                resources.insert("\(kind.rawValue):\(id)")
                let seen = observed["\(kind.rawValue):\(id)"] ?? []
                for role in snapshot.roles where RoleScopes.kinds(forRoleNamed: role.name).contains(kind) || seen.contains(role.id) {
                    entitlements.insert("\(kind.rawValue):\(id):\(Self.roleSlug(role.name))")
                }
            }
        }

        // Grants from users' permissions and workspace membership.
        for user in snapshot.users {
            directGrants.insert("workspace:\(ws):member:user:\(user.id)")
            for permission in user.permissions {
                for resource in permission.resources {
                    if let e = entitlement(roleId: permission.roleId, resource) { directGrants.insert("\(e):user:\(user.id)") }
                }
            }
        }
        // Grants from groups: their own permissions (inherited by members) and membership.
        for group in groups {
            let member = "group:\(group.id):member"
            let members = group.members.filter { userIds.contains($0) }
            var held: Set<String> = []
            for permission in group.permissions {
                for resource in permission.resources {
                    if let e = entitlement(roleId: permission.roleId, resource) { held.insert(e) }
                }
            }
            for e in held {
                let id = "\(e):group:\(group.id)"
                directGrants.insert(id)
                groupHeldGrants[id] = member
                for user in members { inheritedSources["\(e):user:\(user)", default: []].insert(member) }
            }
            for user in members { directGrants.insert("\(member):user:\(user)") }
            for email in group.inviteMembers where inviteEmails.contains(email) { directGrants.insert("\(member):invite:\(email)") }
        }
    }

    /// `key=value,key=value`, sorted by key then value.
    static func labelSlug(_ labels: [WorkspaceSnapshot.Label]) -> String {
        labels.sorted { ($0.key, $0.value) < ($1.key, $1.value) }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// A role name in snake case, as the Go connector spells it: "Source Read-only" → `source_read_only`.
    static func roleSlug(_ name: String) -> String {
        var slug = ""
        for character in name.lowercased() {
            if character == " " || character == "-" || character == "_" {
                slug.append("_")
            } else if character.isASCII, character.isLetter || character.isNumber {
                slug.append(character)
            }
        }
        return slug
    }
}
