/// The workspace a token belongs to (`GET /`). Its id is the id of WORKSPACE permission resources.
public struct Workspace: Codable, Sendable, Equatable {
    /// Segment's id of the workspace; the id of the WORKSPACE permission resource.
    public var id: String
    /// The workspace's URL slug (`app.segment.com/<slug>`).
    public var slug: String?
    /// Display name.
    public var name: String?

    /// A workspace with only the fields given; decoding fills them from the response.
    public init(id: String, slug: String? = nil, name: String? = nil) {
        self.id = id
        self.slug = slug
        self.name = name
    }
}
