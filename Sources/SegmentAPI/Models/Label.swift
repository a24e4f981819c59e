/// A Segment label (`AllowedLabelBeta` / `LabelV1`): scopes workspace-level permissions.
public struct Label: Codable, Sendable, Equatable, Hashable {
    public var key: String
    public var value: String
    public var description: String?

    public init(key: String, value: String, description: String? = nil) {
        self.key = key
        self.value = value
        self.description = description
    }

    /// `key:value`, the label's identity (description is not part of it).
    public var identity: String { "\(key):\(value)" }
}

extension Array where Element == Label {
    /// Sorted by key, then value: the canonical order for comparing label scopes.
    public var canonicallySorted: [Label] {
        sorted { ($0.key, $0.value) < ($1.key, $1.value) }
    }
}
