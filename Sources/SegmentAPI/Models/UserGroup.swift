/// A user group (`UserGroupV1`), Business plan only.
public struct UserGroup: Codable, Sendable, Equatable {
    /// Segment's id of the group.
    public var id: String
    /// The group's name, the only attribute a rename changes.
    public var name: String?
    /// A JSON number in the spec (float in the Go SDK).
    public var memberCount: Double?
    /// The group's own permissions (same shape as a user's); `getUserGroup` returns them.
    public var permissions: [Permission]?

    /// A group with only the fields given; decoding fills them from the response.
    public init(id: String, name: String? = nil, memberCount: Double? = nil, permissions: [Permission]? = nil) {
        self.id = id
        self.name = name
        self.memberCount = memberCount
        self.permissions = permissions
    }
}

/// A group as listed for a user (`MinimalUserGroupV1`).
public struct MinimalUserGroup: Codable, Sendable, Equatable {
    /// Segment's id of the group.
    public var id: String
    /// The group's name.
    public var name: String?

    /// A group reference with only the fields given.
    public init(id: String, name: String? = nil) {
        self.id = id
        self.name = name
    }
}
