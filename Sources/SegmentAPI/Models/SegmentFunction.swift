/// The `resourceType` of a function; `GET /functions` needs one call per value.
public enum FunctionResourceType: String, Codable, Sendable, CaseIterable {
    case source = "SOURCE"
    case destination = "DESTINATION"
    case insertSource = "INSERT_SOURCE"
    case insertDestination = "INSERT_DESTINATION"
    case insertTransformation = "INSERT_TRANSFORMATION"
}

/// A function as listed (`ListFunctionItemV1`); every field is optional in the spec.
public struct SegmentFunction: Codable, Sendable, Equatable {
    public var id: String?
    /// Kept as a string so an unknown value does not fail the whole page.
    public var resourceType: String?
    public var displayName: String?
    public var description: String?
    public var logoUrl: String?
    public var catalogId: String?
    public var createdAt: String?
    public var createdBy: String?

    public init(id: String? = nil, resourceType: String? = nil, displayName: String? = nil,
                description: String? = nil, logoUrl: String? = nil, catalogId: String? = nil,
                createdAt: String? = nil, createdBy: String? = nil) {
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
