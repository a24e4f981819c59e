/// One invitation to create (`InviteV1`). Pending invites are read back as bare e-mail strings.
public struct InviteInput: Codable, Sendable, Equatable {
    /// The address the invitation is sent to; pending invites are listed by it.
    public var email: String
    /// Access the invitee gets on accepting; nil omits the field.
    public var permissions: [InvitePermission]?

    /// An invitation to `email`, optionally with the permissions it grants.
    public init(email: String, permissions: [InvitePermission]? = nil) {
        self.email = email
        self.permissions = permissions
    }
}

/// A permission on an invite (`InvitePermissionV1`): unlike user permissions, labels sit on the
/// permission and resources carry none.
public struct InvitePermission: Codable, Sendable, Equatable {
    /// Id of the role granted (from `listRoles`).
    public var roleId: String
    /// The resources the role applies to; nil omits the field.
    public var resources: [InviteResource]?
    /// Label scope of the whole permission (on invites the labels sit here, not on the resources).
    public var labels: [Label]?

    /// One role on the given resources, optionally narrowed by labels.
    public init(roleId: String, resources: [InviteResource]? = nil, labels: [Label]? = nil) {
        self.roleId = roleId
        self.resources = resources
        self.labels = labels
    }
}

/// A resource on an invite permission (`ResourceV1`): `{id, type}`.
public struct InviteResource: Codable, Sendable, Equatable {
    /// Id of the resource (for `WORKSPACE`, the workspace id from `getWorkspace`).
    public var id: String
    /// Kind of the resource.
    public var type: PermissionResourceType

    /// The resource `id` of kind `type`.
    public init(id: String, type: PermissionResourceType) {
        self.id = id
        self.type = type
    }
}
