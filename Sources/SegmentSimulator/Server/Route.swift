/// An API operation (Segment operation id, lowerCamelCase; these name the stats keys).
enum Operation: String, Sendable, CaseIterable {
    case getWorkspace, listUsers, getUser, deleteUsers, listUserGroupsFromUser, addPermissionsToUser,
        replacePermissionsForUser, listInvites, createInvites, deleteInvites, listUserGroups, getUserGroup,
        createUserGroup, updateUserGroup, deleteUserGroup, listUsersFromUserGroup, listInvitesFromUserGroup,
        addUsersToUserGroup, removeUsersFromUserGroup, replaceUsersInUserGroup, addPermissionsToUserGroup,
        replacePermissionsForUserGroup, listRoles, listLabels, listSources, getSource, listWarehouses,
        getWarehouse, listFunctions, getFunction, listSpaces, getSpace, listAuditEvents

    /// IAM mutations (Segment allows 60 a minute): they use the write rate limit.
    var isWrite: Bool {
        switch self {
        case .deleteUsers, .addPermissionsToUser, .replacePermissionsForUser, .createInvites, .deleteInvites,
            .createUserGroup, .updateUserGroup, .deleteUserGroup, .addUsersToUserGroup, .removeUsersFromUserGroup,
            .replaceUsersInUserGroup, .addPermissionsToUserGroup, .replacePermissionsForUserGroup:
            true
        default: false
        }
    }
}

/// A matched request: the operation and its path id, if any.
struct Route: Sendable {
    let operation: Operation
    let id: String?

    /// Matches method and path like the real API; nil means 404 (including DELETE/PUT on
    /// `/groups/{id}/users`, which only exist under the singular `/group/`).
    static func match(method: String, path: String) -> Route? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
            .map { QueryParameters.percentDecode($0) }
        func route(_ op: Operation, _ id: String? = nil) -> Route { Route(operation: op, id: id) }
        switch (method, segments.count) {
        case ("GET", 0): return route(.getWorkspace)
        case (_, 1):
            switch (method, segments[0]) {
            case ("GET", "users"): return route(.listUsers)
            case ("DELETE", "users"): return route(.deleteUsers)
            case ("GET", "invites"): return route(.listInvites)
            case ("POST", "invites"): return route(.createInvites)
            case ("DELETE", "invites"): return route(.deleteInvites)
            case ("GET", "groups"): return route(.listUserGroups)
            case ("POST", "groups"): return route(.createUserGroup)
            case ("GET", "roles"): return route(.listRoles)
            case ("GET", "labels"): return route(.listLabels)
            case ("GET", "sources"): return route(.listSources)
            case ("GET", "warehouses"): return route(.listWarehouses)
            case ("GET", "functions"): return route(.listFunctions)
            case ("GET", "spaces"): return route(.listSpaces)
            case ("GET", "audit-events"): return route(.listAuditEvents)
            default: return nil
            }
        case (_, 2):
            let id = segments[1]
            switch (method, segments[0]) {
            case ("GET", "users"): return route(.getUser, id)
            case ("GET", "groups"): return route(.getUserGroup, id)
            case ("GET", "sources"): return route(.getSource, id)
            case ("GET", "warehouses"): return route(.getWarehouse, id)
            case ("GET", "functions"): return route(.getFunction, id)
            case ("GET", "spaces"): return route(.getSpace, id)
            case ("PATCH", "groups"): return route(.updateUserGroup, id)
            case ("DELETE", "groups"): return route(.deleteUserGroup, id)
            default: return nil
            }
        case (_, 3):
            let id = segments[1]
            switch (method, segments[0], segments[2]) {
            case ("GET", "users", "groups"): return route(.listUserGroupsFromUser, id)
            case ("POST", "users", "permissions"): return route(.addPermissionsToUser, id)
            case ("PUT", "users", "permissions"): return route(.replacePermissionsForUser, id)
            case ("GET", "groups", "users"): return route(.listUsersFromUserGroup, id)
            case ("POST", "groups", "users"): return route(.addUsersToUserGroup, id)
            case ("GET", "groups", "invites"): return route(.listInvitesFromUserGroup, id)
            case ("DELETE", "group", "users"): return route(.removeUsersFromUserGroup, id)
            case ("PUT", "group", "users"): return route(.replaceUsersInUserGroup, id)
            case ("POST", "groups", "permissions"): return route(.addPermissionsToUserGroup, id)
            case ("PUT", "groups", "permissions"): return route(.replacePermissionsForUserGroup, id)
            default: return nil
            }
        default: return nil
        }
    }
}
