/// Workspace, users and their permissions.
extension SegmentClient {
    /// `GET /` — the workspace the token belongs to (a good credential check).
    public func getWorkspace() async throws -> Workspace {
        try await object(.get("getWorkspace", "/"), key: "workspace")
    }

    /// `GET /users` — one page of workspace members.
    public func listUsers(cursor: String?) async throws -> Page<User> {
        try await page("listUsers", "/users", key: "users", cursor: cursor)
    }

    /// Every workspace member.
    public func allUsers() -> PagedSequence<User> {
        sequence("listUsers") { try await self.listUsers(cursor: $0) }
    }

    /// `GET /users/{userId}` — one user with their direct permissions.
    public func getUser(id: String) async throws -> User {
        try await object(.get("getUser", RequestURL.path("users", .id(id))), key: "user")
    }

    /// `DELETE /users?userIds.0=…` — removes users from the workspace.
    public func deleteUsers(ids: [String]) async throws {
        try await status(.delete("deleteUsers", "/users", query: RequestURL.indexed("userIds", ids)))
    }

    /// `GET /users/{userId}/groups` — one page of the groups a user belongs to.
    public func listUserGroupsFromUser(userId: String, cursor: String?) async throws -> Page<MinimalUserGroup> {
        try await page(
            "listUserGroupsFromUser", RequestURL.path("users", .id(userId), "groups"), key: "groups",
            cursor: cursor)
    }

    /// Every group a user belongs to.
    public func allUserGroupsFromUser(userId: String) -> PagedSequence<MinimalUserGroup> {
        sequence("listUserGroupsFromUser") { try await self.listUserGroupsFromUser(userId: userId, cursor: $0) }
    }

    /// `POST /users/{userId}/permissions` — adds permissions, keeping existing ones.
    @discardableResult
    public func addPermissionsToUser(userId: String, permissions: [PermissionInput]) async throws -> [Permission] {
        try await object(
            .write(
                "addPermissionsToUser", .post, RequestURL.path("users", .id(userId), "permissions"),
                body: PermissionsBody(permissions: permissions)), key: "permissions")
    }

    /// `PUT /users/{userId}/permissions` — replaces the user's whole direct permission set.
    @discardableResult
    public func replacePermissionsForUser(userId: String, permissions: [PermissionInput]) async throws -> [Permission] {
        try await object(
            .write(
                "replacePermissionsForUser", .put, RequestURL.path("users", .id(userId), "permissions"),
                body: PermissionsBody(permissions: permissions)), key: "permissions")
    }
}

/// `{"permissions": [...]}`.
struct PermissionsBody: Encodable {
    var permissions: [PermissionInput]
}
