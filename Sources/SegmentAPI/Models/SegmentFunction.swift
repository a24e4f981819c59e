/// The `resourceType` of a function; `GET /functions` needs one call per value.
public enum FunctionResourceType: String, Codable, Sendable, CaseIterable {
    /// Source functions: take data from a webhook and turn it into Segment events.
    case source = "SOURCE"
    /// Destination functions: send Segment data to an outside service.
    case destination = "DESTINATION"
    /// Source insert functions: enrich, transform or filter events as they enter a source.
    case insertSource = "INSERT_SOURCE"
    /// Destination insert functions: enrich, transform or filter events before a destination gets them.
    case insertDestination = "INSERT_DESTINATION"
    /// Insert transformation functions, listed under their own `resourceType` like the other kinds.
    case insertTransformation = "INSERT_TRANSFORMATION"
}

/// A function as listed (`ListFunctionItemV1`); every field is optional in the spec.
public struct SegmentFunction: Codable, Sendable, Equatable {
    /// Segment's id of the function; the id of its FUNCTION permission resources.
    public var id: String?
    /// Kept as a string so an unknown value does not fail the whole page.
    public var resourceType: String?
    /// Name shown in Segment.
    public var displayName: String?
    /// Free-text description written by its author.
    public var description: String?
    /// URL of the function's logo image.
    public var logoUrl: String?
    /// Id of the function's catalog entry.
    public var catalogId: String?
    /// When the function was created, as Segment wrote it (ISO 8601); kept as text.
    public var createdAt: String?
    /// Id of the user who created the function.
    public var createdBy: String?

    /// A function with only the fields given; decoding fills them from the response.
    public init(
        id: String? = nil, resourceType: String? = nil, displayName: String? = nil,
        description: String? = nil, logoUrl: String? = nil, catalogId: String? = nil,
        createdAt: String? = nil, createdBy: String? = nil
    ) {
        self.id = id
        self.resourceType = resourceType
        self.displayName = displayName
        self.description = description
        self.logoUrl = logoUrl
        self.catalogId = catalogId
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}
