import Foundation

/// How deeply a JSON text nests arrays and objects, read without parsing it (brackets inside
/// strings do not count), so a too-deep body can be named as such.
enum JSONNesting {
    /// The deepest nesting in `data`, or `limit` as soon as it is reached.
    static func depth(of data: Data, stoppingAt limit: Int) -> Int {
        var depth = 0, deepest = 0
        var inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
                if deepest >= limit { return limit }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return deepest
    }
}
