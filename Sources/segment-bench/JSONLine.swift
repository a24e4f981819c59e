import Foundation

/// A JSON value that keeps its keys in the order given, so every result line reads the same way.
indirect enum JSONLine {
    case int(Int)
    case number(Double, decimals: Int)
    case string(String)
    case bool(Bool)
    case object([(String, JSONLine)])

    static func seconds(_ value: Double) -> JSONLine { .number(value, decimals: 3) }

    /// Integer counts keyed by name, sorted by name.
    static func counts(_ counts: [String: Int]) -> JSONLine {
        .object(counts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
    }

    var text: String {
        switch self {
        case .int(let value): return String(value)
        case .number(let value, let decimals):
            return value.isFinite ? String(format: "%.\(decimals)f", value) : "null"
        case .bool(let value): return value ? "true" : "false"
        case .string(let value): return Self.quoted(value)
        case .object(let fields):
            return "{" + fields.map { "\(Self.quoted($0.0)):\($0.1.text)" }.joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
