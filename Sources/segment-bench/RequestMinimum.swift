import SegmentSimulator

/// The fewest API requests a full sync of a workspace needs: one per list page of every
/// collection, one `GET /` (the token check, reused by the sync), plus one `GET /users/{id}` and
/// `GET /groups/{id}` per principal when lists do not carry permissions.
enum RequestMinimum {
    static func byOperation(_ snapshot: WorkspaceSnapshot, pageSize: Int, listIncludesPermissions: Bool) -> [String: Int] {
        func pages(_ n: Int) -> Int { max(1, (n + pageSize - 1) / pageSize) }
        let userIds = Set(snapshot.users.map(\.id))
        var minimum: [String: Int] = [
            "getWorkspace": 1,
            "listUsers": pages(snapshot.users.count),
            "listInvites": pages(snapshot.invites.count),
            "listRoles": pages(snapshot.roles.count),
            "listSources": pages(snapshot.sources.count),
            "listWarehouses": pages(snapshot.warehouses.count),
            "listSpaces": pages(snapshot.spaces.count),
            "listUserGroups": pages(snapshot.groups.count),
        ]
        // One listing per function kind.
        let kinds = ["SOURCE", "DESTINATION", "INSERT_SOURCE", "INSERT_DESTINATION", "INSERT_TRANSFORMATION"]
        minimum["listFunctions"] = kinds.reduce(0) { total, kind in
            total + pages(snapshot.functions.filter { $0.resourceType == kind }.count)
        }
        minimum["listUsersFromUserGroup"] = snapshot.groups.reduce(0) { $0 + pages($1.members.filter(userIds.contains).count) }
        minimum["listInvitesFromUserGroup"] = snapshot.groups.reduce(0) { $0 + pages($1.inviteMembers.count) }
        if !listIncludesPermissions {
            minimum["getUser"] = snapshot.users.count
            minimum["getUserGroup"] = snapshot.groups.count
        }
        return minimum.filter { $0.value > 0 }
    }
}
