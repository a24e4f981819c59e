/// The kind of resource a permission applies to (`WORKSPACE`, `SOURCE`, ...).
///
/// A string wrapper rather than an enum so an unknown value read from Segment survives a write-back.
public struct PermissionResourceType: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let workspace = PermissionResourceType("WORKSPACE")
    public static let source = PermissionResourceType("SOURCE")
    public static let warehouse = PermissionResourceType("WAREHOUSE")
    public static let function = PermissionResourceType("FUNCTION")
    public static let space = PermissionResourceType("SPACE")

    /// The five types the spec enumerates.
    public static let known: [PermissionResourceType] = [.workspace, .source, .warehouse, .function, .space]

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
