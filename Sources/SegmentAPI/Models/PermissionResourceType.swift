/// The kind of resource a permission applies to (`WORKSPACE`, `SOURCE`, ...).
///
/// A string wrapper rather than an enum so an unknown value read from Segment survives a write-back.
public struct PermissionResourceType: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    /// The value as Segment spells it (upper case, e.g. `SOURCE`).
    public var rawValue: String
    /// Wraps any value, known or not, without checking it.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps any value, known or not, without checking it (unlabelled form).
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The whole workspace; the only kind whose resources may carry labels.
    public static let workspace = PermissionResourceType("WORKSPACE")
    /// One source.
    public static let source = PermissionResourceType("SOURCE")
    /// One warehouse.
    public static let warehouse = PermissionResourceType("WAREHOUSE")
    /// One function.
    public static let function = PermissionResourceType("FUNCTION")
    /// One Engage/Unify space.
    public static let space = PermissionResourceType("SPACE")

    /// The five types the spec enumerates.
    public static let known: [PermissionResourceType] = [.workspace, .source, .warehouse, .function, .space]

    /// Reads a bare JSON string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Writes the raw value as a bare JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The raw value, e.g. `WORKSPACE`.
    public var description: String { rawValue }
}
