/// One resource a permission is bound to (`PermissionResourceV1`): `{id, type, labels?}`.
///
/// Fields Segment returns that this type does not model are kept in `additionalFields` and written
/// back unchanged, so a read followed by a replace does not silently drop them.
public struct PermissionResource: Codable, Sendable, Equatable, Hashable {
    /// Id of the resource (for `WORKSPACE`, the workspace id from `getWorkspace`).
    public var id: String
    /// Kind of the resource; unknown kinds are kept as read.
    public var type: PermissionResourceType
    /// Label scope; Segment allows labels only on `WORKSPACE` resources.
    public var labels: [Label]?
    /// Unknown keys as read, re-emitted on encode.
    public var additionalFields: [String: JSONValue]

    /// A resource reference; `additionalFields` are fields to write back beside the modelled ones.
    public init(
        id: String, type: PermissionResourceType, labels: [Label]? = nil,
        additionalFields: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.type = type
        self.labels = labels
        self.additionalFields = additionalFields
    }

    private static let knownKeys: Set<String> = ["id", "type", "labels"]

    /// Reads `id`, `type` and `labels`, keeping every other key in `additionalFields`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        id = try container.decode(String.self, forKey: AnyCodingKey("id"))
        type = try container.decode(PermissionResourceType.self, forKey: AnyCodingKey("type"))
        labels = try container.decodeIfPresent([Label].self, forKey: AnyCodingKey("labels"))
        var extra: [String: JSONValue] = [:]
        for key in container.allKeys where !Self.knownKeys.contains(key.stringValue) {
            extra[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        additionalFields = extra
    }

    /// Writes the unknown keys back first, then `id`, `type` and `labels` (which win over same-named extras).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for (key, value) in additionalFields where !Self.knownKeys.contains(key) {
            try container.encode(value, forKey: AnyCodingKey(key))
        }
        try container.encode(id, forKey: AnyCodingKey("id"))
        try container.encode(type, forKey: AnyCodingKey("type"))
        try container.encodeIfPresent(labels, forKey: AnyCodingKey("labels"))
    }
}
