/// Everything a route handler needs from the HTTP request and the configuration.
struct RouteRequest: Sendable {
    let route: Route
    let query: QueryParameters
    let body: [UInt8]
    /// Features the workspace lacks: their operations answer 400.
    let lacking: Set<PlanFeature>
    let listIncludesPermissions: Bool
    /// Seconds since 1970, for audit events written by this request.
    let now: Int

    /// The path id (`{userId}`, `{userGroupId}`, `{sourceId}`, ...); routes that use it always have one.
    var id: String { route.id ?? "" }
}

/// What a handler answers: a status and a JSON body.
struct RouteResult: Sendable {
    let status: Int
    let json: JSON

    static func ok(_ json: JSON) -> RouteResult { RouteResult(status: 200, json: json) }
}

extension WorkspaceState {
    /// Runs one API operation against the state. Plan gates are checked first, like a feature
    /// flag in front of the endpoint.
    mutating func handle(_ request: RouteRequest) throws(APIError) -> RouteResult {
        let op = request.route.operation
        if let feature = Self.feature(needed: op), request.lacking.contains(feature) { throw .notInPlan(feature.displayName) }
        switch op {
        case .getWorkspace: return getWorkspace()
        case .listUsers: return try listUsers(request)
        case .getUser: return try getUser(request)
        case .deleteUsers: return try deleteUsers(request)
        case .listUserGroupsFromUser: return try listUserGroupsFromUser(request)
        case .addPermissionsToUser: return try addPermissionsToUser(request, replace: false)
        case .replacePermissionsForUser: return try addPermissionsToUser(request, replace: true)
        case .listInvites: return try listInvites(request)
        case .createInvites: return try createInvites(request)
        case .deleteInvites: return try deleteInvites(request)
        case .listUserGroups: return try listUserGroups(request)
        case .getUserGroup: return try getUserGroup(request)
        case .createUserGroup: return try createUserGroup(request)
        case .updateUserGroup: return try updateUserGroup(request)
        case .deleteUserGroup: return try deleteUserGroup(request)
        case .listUsersFromUserGroup: return try listUsersFromUserGroup(request)
        case .listInvitesFromUserGroup: return try listInvitesFromUserGroup(request)
        case .addUsersToUserGroup: return try changeGroupMembers(request, mode: .add)
        case .removeUsersFromUserGroup: return try changeGroupMembers(request, mode: .remove)
        case .replaceUsersInUserGroup: return try changeGroupMembers(request, mode: .replace)
        case .addPermissionsToUserGroup: return try addPermissionsToGroup(request, replace: false)
        case .replacePermissionsForUserGroup: return try addPermissionsToGroup(request, replace: true)
        case .listRoles: return try listRoles(request)
        case .listLabels: return listLabels()
        case .listSources: return try listSources(request)
        case .getSource: return try getSource(request)
        case .listWarehouses: return try listWarehouses(request)
        case .getWarehouse: return try getWarehouse(request)
        case .listFunctions: return try listFunctions(request)
        case .getFunction: return try getFunction(request)
        case .listSpaces: return try listSpaces(request)
        case .getSpace: return try getSpace(request)
        case .listAuditEvents: return try listAuditEvents(request)
        }
    }

    /// The feature this operation needs, if it needs one.
    static func feature(needed op: Operation) -> PlanFeature? {
        switch op {
        case .listUserGroupsFromUser, .listUserGroups, .getUserGroup, .createUserGroup, .updateUserGroup,
            .deleteUserGroup, .listUsersFromUserGroup, .listInvitesFromUserGroup, .addUsersToUserGroup,
            .removeUsersFromUserGroup, .replaceUsersInUserGroup, .addPermissionsToUserGroup,
            .replacePermissionsForUserGroup:
            .groups
        case .listWarehouses, .getWarehouse: .warehouses
        case .listSpaces, .getSpace: .spaces
        case .listFunctions, .getFunction: .functions
        case .listLabels: .labels
        case .listAuditEvents: .auditTrail
        default: nil
        }
    }
}
