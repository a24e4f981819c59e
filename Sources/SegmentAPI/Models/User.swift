/// A workspace member (`UserV1`). `permissions` are direct grants only, not those held via groups.
public struct User: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var email: String?
    /// Absent in most list responses; `getUser` returns them.
    public var permissions: [Permission]?

    public init(id: String, name: String? = nil, email: String? = nil, permissions: [Permission]? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.permissions = permissions
    }
}

/// A user as listed inside a group (`MinimalUserV1`).
public struct MinimalUser: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var email: String?

    public init(id: String, name: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.email = email
    }
}
