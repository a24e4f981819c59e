/// The kinds of Segment resource that carry role entitlements of their own.
package enum ScopedResourceKind: String, CaseIterable, Sendable {
    case source, warehouse, function, space

    /// The Segment permission resource type (`PermissionResourceV1.type`).
    package var segmentType: String { rawValue.uppercased() }

    package init?(segmentType: String) {
        self.init(rawValue: segmentType.lowercased())
    }
}
