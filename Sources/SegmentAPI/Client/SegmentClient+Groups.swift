/// User groups (Business plan): groups, members by e-mail, group permissions.
extension SegmentClient {
    /// `GET /groups` — one page of user groups.
    public func listUserGroups(cursor: String?) async throws -> Page<UserGroup> {
        try await page("listUserGroups", "/groups", key: "userGroups", cursor: cursor)
    }

    /// Every user group.
    public func allUserGroups() -> PagedSequence<UserGroup> {
        sequence("listUserGroups") { try await self.listUserGroups(cursor: $0) }
    }

    /// `GET /groups/{id}` — one group with its permissions (payload key `userGroup`).
    public func getUserGroup(id: String) async throws -> UserGroup {
        try await object(.get("getUserGroup", RequestURL.path("groups", .id(id))), key: "userGroup")
    }

    /// `POST /groups` — creates a group. Retried only on 429 (a repeat could create two).
    public func createUserGroup(name: String) async throws -> UserGroup {
        try await object(
            .write(
                "createUserGroup", .post, "/groups", body: NameBody(name: name),
                safety: .onlyIfNotReceived), key: "userGroup")
    }

    /// `PATCH /groups/{id}` — renames a group.
    @discardableResult
    public func updateUserGroup(id: String, name: String) async throws -> UserGroup {
        try await object(
            .write("updateUserGroup", .patch, RequestURL.path("groups", .id(id)), body: NameBody(name: name)),
            key: "userGroup")
    }

    /// `DELETE /groups/{id}` — deletes a group. Retried only on 429 (a repeat would answer 404).
    public func deleteUserGroup(id: String) async throws {
        try await status(.delete("deleteUserGroup", RequestURL.path("groups", .id(id)), safety: .onlyIfNotReceived))
    }

    /// `GET /groups/{id}/users` — one page of the group's accepted members.
    public func listUsersFromUserGroup(groupId: String, cursor: String?) async throws -> Page<MinimalUser> {
        try await page(
            "listUsersFromUserGroup", RequestURL.path("groups", .id(groupId), "users"), key: "users",
            cursor: cursor)
    }

    /// Every accepted member of a group.
    public func allUsersFromUserGroup(groupId: String) -> PagedSequence<MinimalUser> {
        sequence("listUsersFromUserGroup") { try await self.listUsersFromUserGroup(groupId: groupId, cursor: $0) }
    }

    /// `GET /groups/{id}/invites` — one page of the group's pending members (e-mails).
    public func listInvitesFromUserGroup(groupId: String, cursor: String?) async throws -> Page<String> {
        try await page(
            "listInvitesFromUserGroup", RequestURL.path("groups", .id(groupId), "invites"), key: "emails",
            cursor: cursor)
    }

    /// Every pending member e-mail of a group.
    public func allInvitesFromUserGroup(groupId: String) -> PagedSequence<String> {
        sequence("listInvitesFromUserGroup") { try await self.listInvitesFromUserGroup(groupId: groupId, cursor: $0) }
    }

    /// `POST /groups/{id}/users` — adds members by e-mail.
    @discardableResult
    public func addUsersToUserGroup(groupId: String, emails: [String]) async throws -> UserGroup {
        try await object(
            .write(
                "addUsersToUserGroup", .post, RequestURL.path("groups", .id(groupId), "users"),
                body: EmailsBody(emails: emails)), key: "userGroup")
    }

    /// `DELETE /group/{id}/users?emails.0=…` — removes members (singular `/group/`, as in the spec).
    public func removeUsersFromUserGroup(groupId: String, emails: [String]) async throws {
        try await status(
            .delete(
                "removeUsersFromUserGroup", RequestURL.path("group", .id(groupId), "users"),
                query: RequestURL.indexed("emails", emails)))
    }

    /// `PUT /group/{id}/users` — replaces the whole member list (singular `/group/`).
    @discardableResult
    public func replaceUsersInUserGroup(groupId: String, emails: [String]) async throws -> UserGroup {
        try await object(
            .write(
                "replaceUsersInUserGroup", .put, RequestURL.path("group", .id(groupId), "users"),
                body: EmailsBody(emails: emails)), key: "userGroup")
    }

    /// `POST /groups/{id}/permissions` — adds permissions, keeping existing ones.
    @discardableResult
    public func addPermissionsToUserGroup(groupId: String, permissions: [PermissionInput]) async throws -> [Permission] {
        try await object(
            .write(
                "addPermissionsToUserGroup", .post, RequestURL.path("groups", .id(groupId), "permissions"),
                body: PermissionsBody(permissions: permissions)), key: "permissions")
    }

    /// `PUT /groups/{id}/permissions` — replaces the group's whole permission set.
    @discardableResult
    public func replacePermissionsForUserGroup(groupId: String, permissions: [PermissionInput]) async throws -> [Permission] {
        try await object(
            .write(
                "replacePermissionsForUserGroup", .put,
                RequestURL.path("groups", .id(groupId), "permissions"),
                body: PermissionsBody(permissions: permissions)), key: "permissions")
    }
}

/// `{"name": ...}`.
struct NameBody: Encodable {
    var name: String
}

/// `{"emails": [...]}`.
struct EmailsBody: Encodable {
    var emails: [String]
}
