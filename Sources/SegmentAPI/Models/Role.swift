/// A role (`RoleV1`). Nothing says which resource types it applies to; callers infer from the name.
public struct Role: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var description: String?

    public init(id: String, name: String? = nil, description: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
    }
}
