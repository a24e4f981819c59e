/// A workspace member (`UserV1`). `permissions` are direct grants only, not those held via groups.
public struct User: Codable, Sendable, Equatable {
    /// Segment's id of the user (an invitee has none until they accept).
    public var id: String
    /// Display name.
    public var name: String?
    /// Login e-mail; groups address their members by it.
    public var email: String?
    /// Absent in most list responses; `getUser` returns them.
    public var permissions: [Permission]?

    /// A user with only the fields given; decoding fills them from the response.
    public init(id: String, name: String? = nil, email: String? = nil, permissions: [Permission]? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.permissions = permissions
    }
}

/// A user as listed inside a group (`MinimalUserV1`).
public struct MinimalUser: Codable, Sendable, Equatable {
    /// Segment's id of the user.
    public var id: String
    /// Display name.
    public var name: String?
    /// Login e-mail.
    public var email: String?

    /// A group member with only the fields given.
    public init(id: String, name: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.email = email
    }
}
