/// A Segment label (`AllowedLabelBeta` / `LabelV1`): scopes workspace-level permissions.
public struct Label: Codable, Sendable, Equatable, Hashable {
    /// The label's key, e.g. `environment`.
    public var key: String
    /// The label's value for that key, e.g. `prod`.
    public var value: String
    /// Free text shown in Segment; carried through writes but not part of the label's identity.
    public var description: String?

    /// The label `key:value`, with an optional description.
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
