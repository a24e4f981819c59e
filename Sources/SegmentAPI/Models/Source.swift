/// A source (`SourceV1`), minus `writeKeys` and `settings`, which are secrets this client never keeps.
public struct Source: Codable, Sendable, Equatable {
    public var id: String
    public var slug: String?
    /// May be absent; fall back to `slug`.
    public var name: String?
    public var enabled: Bool?
    public var workspaceId: String?
    /// Labels the source carries (what label-scoped permissions match).
    public var labels: [Label]?
    public var metadata: CatalogMetadata?

    public init(id: String, slug: String? = nil, name: String? = nil, enabled: Bool? = nil,
                workspaceId: String? = nil, labels: [Label]? = nil, metadata: CatalogMetadata? = nil) {
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
    public var id: String?
    public var name: String?
    public var slug: String?
    public var description: String?

    public init(id: String? = nil, name: String? = nil, slug: String? = nil, description: String? = nil) {
        self.id = id
        self.name = name
        self.slug = slug
        self.description = description
    }
}
