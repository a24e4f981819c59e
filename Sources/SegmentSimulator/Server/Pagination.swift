import Foundation

/// Cursor pagination like the real API: cursors are base64 of a decimal offset into the stable
/// order of the list (`MA==` = 0); `pagination.count` is 1...1000, 200 when absent.
struct Pagination: Sendable {
    static let defaultCount = 200
    static let maxCount = 1_000

    let offset: Int
    let count: Int

    /// Reads `pagination.count` / `pagination.cursor` from the query for a list of `total` items.
    init(query: QueryParameters, total: Int) throws(APIError) {
        if let text = query["pagination.count"] {
            guard let n = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw .validation("pagination.count must be a number between 1 and \(Self.maxCount)", field: "pagination.count")
            }
            guard (1...Self.maxCount).contains(n) else {
                throw .validation("pagination.count must be between 1 and \(Self.maxCount), got \(n)", field: "pagination.count")
            }
            count = n
        } else {
            count = Self.defaultCount
        }
        if let cursor = query["pagination.cursor"], !cursor.isEmpty {
            guard let offset = Self.decode(cursor), offset <= total else {
                throw .validation("pagination.cursor is not a valid cursor", field: "pagination.cursor")
            }
            self.offset = offset
        } else {
            offset = 0
        }
    }

    /// The index range of this page within `total` items.
    func range(total: Int) -> Range<Int> { offset..<min(total, offset + count) }

    /// `{current, next?, previous, totalEntries}`: `next` is absent on the last page, `previous` null on the first.
    func output(total: Int) -> JSON {
        var fields: [(String, JSON)] = [("current", .string(Self.encode(offset)))]
        if offset + count < total { fields.append(("next", .string(Self.encode(offset + count)))) }
        fields.append(("previous", offset == 0 ? .null : .string(Self.encode(max(0, offset - count)))))
        fields.append(("totalEntries", .int(total)))
        return .object(fields)
    }

    /// One page of `items` under `key`, plus `pagination`.
    func page<T>(_ items: [T], key: String, render: (T) -> JSON) -> JSON {
        let slice = items[range(total: items.count)]
        return .data([(key, .array(slice.map(render))), ("pagination", output(total: items.count))])
    }

    static func encode(_ offset: Int) -> String { Data(String(offset).utf8).base64EncodedString() }

    static func decode(_ cursor: String) -> Int? {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8),
            let n = Int(text), n >= 0, encode(n) == cursor
        else { return nil }
        return n
    }
}
