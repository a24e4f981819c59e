import SegmentAPI

/// A sorted set of labels that scopes a workspace-level permission, and its entitlement slug.
struct LabelSet: Hashable, Sendable {
    let labels: [Label]

    init(_ labels: [Label]) { self.labels = labels.canonicallySorted }

    /// `key=value,key=value`, sorted: part of the label-scoped entitlement's slug.
    var slug: String { labels.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
    /// `key=value, key=value` for display names.
    var readable: String { labels.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") }

    static func == (lhs: LabelSet, rhs: LabelSet) -> Bool { lhs.slug == rhs.slug }
    func hash(into hasher: inout Hasher) { hasher.combine(slug) }
}
