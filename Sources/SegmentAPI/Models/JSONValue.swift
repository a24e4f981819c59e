/// Any JSON value; used to carry fields this client does not model through a read-then-write.
public enum JSONValue: Codable, Sendable, Equatable, Hashable {
    /// A JSON string.
    case string(String)
    /// A JSON number, held as a `Double` (integers beyond 2^53 lose precision).
    case number(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// A JSON object; key order is not kept.
    case object([String: JSONValue])
    /// A JSON array, in order.
    case array([JSONValue])
    /// `null`.
    case null

    /// Reads any JSON value, trying null, bool, number, string, array, then object; numbers become `Double`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Writes the value back as the same JSON kind it was read as.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

/// A coding key built from any string, for dynamic and unknown keys.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
