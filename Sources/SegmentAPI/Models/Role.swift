/// A role (`RoleV1`). Nothing says which resource types it applies to; callers infer from the name.
public struct Role: Codable, Sendable, Equatable {
    /// Segment's id of the role, used in every permission that grants it.
    public var id: String
    /// Display name, e.g. "Source Admin"; the only hint of which resource kinds the role applies to.
    public var name: String?
    /// Segment's description of what the role allows.
    public var description: String?

    /// A role with the given fields; decoding fills them from the response.
    public init(id: String, name: String? = nil, description: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
    }
}
