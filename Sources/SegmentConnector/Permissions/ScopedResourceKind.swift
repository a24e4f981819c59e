/// The kinds of Segment resource that carry role entitlements of their own.
public enum ScopedResourceKind: String, CaseIterable, Sendable {
    case source, warehouse, function, space

    /// The Segment permission resource type (`PermissionResourceV1.type`).
    public var segmentType: String { rawValue.uppercased() }

    public init?(segmentType: String) {
        self.init(rawValue: segmentType.lowercased())
    }
}
