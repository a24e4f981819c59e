/// A warehouse (`WarehouseV1`). Its settings may hold credentials, so only `settings.name` is kept.
public struct Warehouse: Codable, Sendable, Equatable {
    /// Segment's id of the warehouse; the id of its WAREHOUSE permission resources.
    public var id: String
    /// Id of the workspace the warehouse belongs to.
    public var workspaceId: String?
    /// Whether the warehouse is enabled in Segment.
    public var enabled: Bool?
    /// The catalog entry of the warehouse's type (e.g. Snowflake).
    public var metadata: CatalogMetadata?
    /// `settings.name` when it is a string: the only place a warehouse's own name appears.
    public var settingsName: String?

    /// A warehouse with only the fields given; `settingsName` stands for `settings.name`.
    public init(
        id: String, workspaceId: String? = nil, enabled: Bool? = nil, metadata: CatalogMetadata? = nil,
        settingsName: String? = nil
    ) {
        self.id = id
        self.workspaceId = workspaceId
        self.enabled = enabled
        self.metadata = metadata
        self.settingsName = settingsName
    }

    /// `settings.name`, else "<catalog name> (<id>)", else the id.
    public var displayName: String {
        if let settingsName, !settingsName.isEmpty { return settingsName }
        if let catalog = metadata?.name { return "\(catalog) (\(id))" }
        return id
    }

    private enum CodingKeys: String, CodingKey { case id, workspaceId, enabled, metadata, settings }

    /// Reads the modelled fields and `settings.name`; the rest of `settings` is dropped, and a `settings`
    /// that is not an object is ignored rather than failing the page.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        workspaceId = try container.decodeIfPresent(String.self, forKey: .workspaceId)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled)
        metadata = try container.decodeIfPresent(CatalogMetadata.self, forKey: .metadata)
        let settings = try? container.decodeIfPresent([String: JSONValue].self, forKey: .settings)
        settingsName = settings?["name"]?.stringValue
    }

    /// Writes the modelled fields; `settings` is written only as `{"name": ...}` when a name is known.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(workspaceId, forKey: .workspaceId)
        try container.encodeIfPresent(enabled, forKey: .enabled)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        if let settingsName { try container.encode(["name": settingsName], forKey: .settings) }
    }
}
