/// An Engage/Unify space (alpha endpoint).
public struct Space: Codable, Sendable, Equatable {
    public var id: String
    public var slug: String?
    public var name: String?

    public init(id: String, slug: String? = nil, name: String? = nil) {
        self.id = id
        self.slug = slug
        self.name = name
    }
}
