/// IAM Users: list, get, delete, their groups, and their permissions.
extension WorkspaceState {
    func listUsers(_ r: RouteRequest) throws(APIError) -> RouteResult {
        let page = try Pagination(query: r.query, total: users.count)
        return .ok(page.page(users, key: "users") { WireFormat.user($0, withPermissions: r.listIncludesPermissions) })
    }

    func getUser(_ r: RouteRequest) throws(APIError) -> RouteResult {
        guard let user = user(r.id) else { throw .notFound("User \(r.id) not found") }
        return .ok(.data([("user", WireFormat.user(user, withPermissions: true))]))
    }

    func listUserGroupsFromUser(_ r: RouteRequest) throws(APIError) -> RouteResult {
        guard user(r.id) != nil else { throw .notFound("User \(r.id) not found") }
        let mine = groups.filter { $0.members.contains(r.id) }
        return .ok(try Pagination(query: r.query, total: mine.count).page(mine, key: "groups", render: WireFormat.minimalGroup))
    }

    /// `DELETE /users?userIds.0=...`: all ids must exist, and an owner must remain.
    mutating func deleteUsers(_ r: RouteRequest) throws(APIError) -> RouteResult {
        guard let ids = r.query.indexedArray("userIds"), !ids.isEmpty else {
            throw .validation("\"userIds\" is required (userIds.0=..., userIds.1=...)", field: "userIds")
        }
        for id in ids where user(id) == nil { throw .notFound("User \(id) not found") }
        let removing = Set(ids)
        try checkOwnersRemain(removing: removing)
        for id in ids {
            if let u = user(id) { record("User Removed", resourceId: id, resourceType: "user", resourceName: u.email, at: r.now) }
        }
        removeUsers(removing)
        return .ok(WireFormat.success)
    }

    /// POST appends (identical grants are not duplicated); PUT replaces the whole set.
    mutating func addPermissionsToUser(_ r: RouteRequest, replace: Bool) throws(APIError) -> RouteResult {
        guard let current = user(r.id) else { throw .notFound("User \(r.id) not found") }
        let body = try RequestBody.decode(PermissionsBody.self, from: r.body)
        let permissions = try validatedPermissions(body.permissions, lacking: r.lacking)
        let updated = replace ? permissions : Self.merged(current.permissions, adding: permissions)
        if replace { try checkOwnersRemain(replacing: (r.id, updated)) }
        updateUser(r.id) { $0.permissions = updated }
        record(
            replace ? "Policy Deleted" : "User Policy Updated", resourceId: r.id, resourceType: "user", resourceName: current.email,
            at: r.now)
        return .ok(.data([("permissions", WireFormat.permissions(replace ? updated : permissions))]))
    }
}
