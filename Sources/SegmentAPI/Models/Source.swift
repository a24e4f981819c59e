/// A source (`SourceV1`), minus `writeKeys` and `settings`, which are secrets this client never keeps.
public struct Source: Codable, Sendable, Equatable {
    /// Segment's id of the source; the id of its SOURCE permission resources.
    public var id: String
    /// The source's URL slug in the Segment app.
    public var slug: String?
    /// May be absent; fall back to `slug`.
    public var name: String?
    /// Whether the source is enabled in Segment.
    public var enabled: Bool?
    /// Id of the workspace the source belongs to.
    public var workspaceId: String?
    /// Labels the source carries (what label-scoped permissions match).
    public var labels: [Label]?
    /// The catalog entry of the source's type (e.g. JavaScript).
    public var metadata: CatalogMetadata?

    /// A source with only the fields given; decoding fills them from the response.
    public init(
        id: String, slug: String? = nil, name: String? = nil, enabled: Bool? = nil,
        workspaceId: String? = nil, labels: [Label]? = nil, metadata: CatalogMetadata? = nil
    ) {
        self.id = id
        self.slug = slug
        self.name = name
        self.enabled = enabled
        self.workspaceId = workspaceId
        self.labels = labels
        self.metadata = metadata
    }

    /// `name`, else `slug`, else `id`.
    public var displayName: String { name ?? slug ?? id }
}

/// Catalog entry of a source or warehouse type (e.g. "JavaScript", "Snowflake").
public struct CatalogMetadata: Codable, Sendable, Equatable {
    /// Catalog id of the type.
    public var id: String?
    /// Name of the type, e.g. "Snowflake".
    public var name: String?
    /// Slug of the type.
    public var slug: String?
    /// Segment's description of the type.
    public var description: String?

    /// A catalog entry with only the fields given.
    public init(id: String? = nil, name: String? = nil, slug: String? = nil, description: String? = nil) {
        self.id = id
        self.name = name
        self.slug = slug
        self.description = description
    }
}
