/// The workspace a token belongs to (`GET /`). Its id is the id of WORKSPACE permission resources.
public struct Workspace: Codable, Sendable, Equatable {
    public var id: String
    public var slug: String?
    public var name: String?

    public init(id: String, slug: String? = nil, name: String? = nil) {
        self.id = id
        self.slug = slug
        self.name = name
    }
}
