/// The live, mutable workspace behind the server, indexed so lookups and pages cost O(1) / O(page)
/// rather than O(N). Lists keep their insertion order (the stable order cursors point into).
struct WorkspaceState: Sendable {
    typealias S = WorkspaceSnapshot

    var workspace: S.Workspace
    private(set) var users: [S.User] = []
    private(set) var invites: [S.Invite] = []
    private(set) var groups: [S.Group] = []
    let roles: [S.Role]
    let labels: [S.Label]
    let sources: [S.Source]
    let warehouses: [S.Warehouse]
    let functions: [S.Function]
    let spaces: [S.Space]
    var auditEvents: [S.AuditEvent]

    private(set) var userIndex: [String: Int] = [:]
    private(set) var userIdByEmail: [String: String] = [:]
    private(set) var inviteIndex: [String: Int] = [:]
    private(set) var groupIndex: [String: Int] = [:]
    let roleById: [String: S.Role]
    let labelKeys: Set<String>
    let resourceIds: [String: Set<String>]
    let functionsByKind: [String: [S.Function]]
    let ownerRoleId: String?
    var eventCounter: Int

    init(_ snapshot: S) {
        workspace = snapshot.workspace
        roles = snapshot.roles
        labels = snapshot.labels
        sources = snapshot.sources
        warehouses = snapshot.warehouses
        functions = snapshot.functions
        spaces = snapshot.spaces
        auditEvents = snapshot.auditEvents
        eventCounter = snapshot.auditEvents.count
        roleById = Dictionary(snapshot.roles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        labelKeys = Set(snapshot.labels.map { Self.labelKey($0) })
        resourceIds = [
            "WORKSPACE": [snapshot.workspace.id],
            "SOURCE": Set(snapshot.sources.map(\.id)),
            "WAREHOUSE": Set(snapshot.warehouses.map(\.id)),
            "FUNCTION": Set(snapshot.functions.map(\.id)),
            "SPACE": Set(snapshot.spaces.map(\.id)),
        ]
        functionsByKind = Dictionary(grouping: snapshot.functions, by: \.resourceType)
        ownerRoleId = snapshot.roles.first { $0.name == SimulatedRoles.workspaceOwner }?.id
        // roleName is derived data: fill it from the catalogue so reads are always right.
        users = snapshot.users.map {
            var u = $0; u.permissions = named(u.permissions); return u
        }
        invites = snapshot.invites.map {
            var i = $0; i.permissions = named(i.permissions); return i
        }
        groups = snapshot.groups.map {
            var g = $0; g.permissions = named(g.permissions); return g
        }
        reindexUsers()
        reindexInvites()
        reindexGroups()
    }

    var snapshot: S {
        S(
            workspace: workspace, users: users, invites: invites, groups: groups, roles: roles, labels: labels,
            sources: sources, warehouses: warehouses, functions: functions, spaces: spaces, auditEvents: auditEvents)
    }

    static func labelKey(_ label: S.Label) -> String { "\(label.key):\(label.value)" }

    func named(_ permissions: [S.Permission]) -> [S.Permission] {
        permissions.map {
            var p = $0; p.roleName = roleById[p.roleId]?.name ?? p.roleName; return p
        }
    }

    // MARK: lookups

    func user(_ id: String) -> S.User? { userIndex[id].map { users[$0] } }
    func group(_ id: String) -> S.Group? { groupIndex[id].map { groups[$0] } }
    func userId(email: String) -> String? { userIdByEmail[email.lowercased()] }
    func isInvited(_ email: String) -> Bool { inviteIndex[email.lowercased()] != nil }

    // MARK: primitive mutations (validation lives in the callers)

    mutating func updateUser(_ id: String, _ change: (inout S.User) -> Void) {
        guard let i = userIndex[id] else { return }
        change(&users[i])
    }

    mutating func updateGroup(_ id: String, _ change: (inout S.Group) -> Void) {
        guard let i = groupIndex[id] else { return }
        change(&groups[i])
    }

    mutating func updateInvite(_ email: String, _ change: (inout S.Invite) -> Void) {
        guard let i = inviteIndex[email.lowercased()] else { return }
        change(&invites[i])
    }

    /// Removes users and their group memberships (deleting a user never touches invites).
    mutating func removeUsers(_ ids: Set<String>) {
        users.removeAll { ids.contains($0.id) }
        for i in groups.indices { groups[i].members.removeAll { ids.contains($0) } }
        reindexUsers()
    }

    mutating func appendInvite(_ invite: S.Invite) {
        inviteIndex[invite.email.lowercased()] = invites.count
        invites.append(invite)
    }

    /// Removes invites and their pending group memberships.
    mutating func removeInvites(_ emails: Set<String>) {
        invites.removeAll { emails.contains($0.email.lowercased()) }
        for i in groups.indices { groups[i].inviteMembers.removeAll { emails.contains($0.lowercased()) } }
        reindexInvites()
    }

    mutating func appendGroup(_ group: S.Group) {
        groupIndex[group.id] = groups.count
        groups.append(group)
    }

    mutating func removeGroup(_ id: String) {
        groups.removeAll { $0.id == id }
        reindexGroups()
    }

    private mutating func reindexUsers() {
        userIndex = Dictionary(users.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        userIdByEmail = Dictionary(users.map { ($0.email.lowercased(), $0.id) }, uniquingKeysWith: { first, _ in first })
    }

    private mutating func reindexInvites() {
        inviteIndex = Dictionary(invites.enumerated().map { ($1.email.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    private mutating func reindexGroups() {
        groupIndex = Dictionary(groups.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
