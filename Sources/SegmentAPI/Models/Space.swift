/// An Engage/Unify space (alpha endpoint).
public struct Space: Codable, Sendable, Equatable {
    /// Segment's id of the space; the id of its SPACE permission resources.
    public var id: String
    /// The space's URL slug.
    public var slug: String?
    /// Display name; nil when absent (fall back to `slug`).
    public var name: String?

    /// A space with only the fields given; decoding fills them from the response.
    public init(id: String, slug: String? = nil, name: String? = nil) {
        self.id = id
        self.slug = slug
        self.name = name
    }
}
