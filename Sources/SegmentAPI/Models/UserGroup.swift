/// A user group (`UserGroupV1`), Business plan only.
public struct UserGroup: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    /// A JSON number in the spec (float in the Go SDK).
    public var memberCount: Double?
    public var permissions: [Permission]?

    public init(id: String, name: String? = nil, memberCount: Double? = nil, permissions: [Permission]? = nil) {
        self.id = id
        self.name = name
        self.memberCount = memberCount
        self.permissions = permissions
    }
}

/// A group as listed for a user (`MinimalUserGroupV1`).
public struct MinimalUserGroup: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?

    public init(id: String, name: String? = nil) {
        self.id = id
        self.name = name
    }
}
