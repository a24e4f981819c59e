/// One invitation to create (`InviteV1`). Pending invites are read back as bare e-mail strings.
public struct InviteInput: Codable, Sendable, Equatable {
    public var email: String
    public var permissions: [InvitePermission]?

    public init(email: String, permissions: [InvitePermission]? = nil) {
        self.email = email
        self.permissions = permissions
    }
}

/// A permission on an invite (`InvitePermissionV1`): unlike user permissions, labels sit on the
/// permission and resources carry none.
public struct InvitePermission: Codable, Sendable, Equatable {
    public var roleId: String
    public var resources: [InviteResource]?
    public var labels: [Label]?

    public init(roleId: String, resources: [InviteResource]? = nil, labels: [Label]? = nil) {
        self.roleId = roleId
        self.resources = resources
        self.labels = labels
    }
}

/// A resource on an invite permission (`ResourceV1`): `{id, type}`.
public struct InviteResource: Codable, Sendable, Equatable {
    public var id: String
    public var type: PermissionResourceType

    public init(id: String, type: PermissionResourceType) {
        self.id = id
        self.type = type
    }
}
