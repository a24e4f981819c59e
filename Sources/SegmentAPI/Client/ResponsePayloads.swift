import Foundation

/// `{"data": ...}`: every success body.
struct DataEnvelope<Payload: Decodable>: Decodable {
    var data: Payload
}

extension CodingUserInfoKey {
    /// Name of the key inside `data` holding the object or list (`users`, `userGroup`, ...).
    static let segmentPayloadKey = CodingUserInfoKey(rawValue: "segmentPayloadKey")!
}

/// `data: {<key>: [Item], pagination: {...}}`; the key comes from the decoder's user info.
struct ListPayload<Item: Decodable>: Decodable {
    var items: [Item]
    var pagination: PaginationOutput?

    init(from decoder: any Decoder) throws {
        let key = AnyCodingKey(decoder.userInfo[.segmentPayloadKey] as? String ?? "")
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        // A missing key is an error, not an empty list: silently empty lists hid bugs before.
        guard container.contains(key) else {
            throw DecodingError.keyNotFound(
                key,
                .init(
                    codingPath: container.codingPath,
                    debugDescription: "data.\(key.stringValue) is missing"))
        }
        items = try container.decodeIfPresent([Item].self, forKey: key) ?? []
        pagination = try container.decodeIfPresent(PaginationOutput.self, forKey: AnyCodingKey("pagination"))
    }
}

/// `data: {<key>: Object}`.
struct ObjectPayload<Object: Decodable>: Decodable {
    var object: Object

    init(from decoder: any Decoder) throws {
        let key = AnyCodingKey(decoder.userInfo[.segmentPayloadKey] as? String ?? "")
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        object = try container.decode(Object.self, forKey: key)
    }
}

/// `data: {status: "SUCCESS"}` of deletes; the status is informational.
struct StatusPayload: Decodable {
    var status: String?
}

enum PayloadDecoding {
    static func decoder(key: String) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.userInfo[.segmentPayloadKey] = key
        return decoder
    }

    static func page<Item: Decodable & Sendable>(_ data: Data, key: String) throws -> Page<Item> {
        let payload = try decoder(key: key).decode(DataEnvelope<ListPayload<Item>>.self, from: data).data
        return Page(
            items: payload.items, next: payload.pagination?.next, current: payload.pagination?.current,
            totalEntries: payload.pagination?.totalEntries)
    }

    static func object<Object: Decodable>(_ data: Data, key: String) throws -> Object {
        try decoder(key: key).decode(DataEnvelope<ObjectPayload<Object>>.self, from: data).data.object
    }

    static func status(_ data: Data) throws {
        _ = try JSONDecoder().decode(DataEnvelope<StatusPayload>.self, from: data)
    }

    /// Nesting deeper than this is reported as such, not as "not valid JSON" (Foundation's
    /// decoder gives up at 512 levels with a generic "corrupted data" error).
    static let nestingReported = 512

    /// A short, one-line reason `body` did not decode (no body content echoed beyond a path).
    static func reason(_ error: any Error, body: Data) -> String {
        let bytes = body.count
        if case DecodingError.dataCorrupted(let context) = error, context.codingPath.isEmpty,
            JSONNesting.depth(of: body, stoppingAt: nestingReported + 1) > nestingReported
        {
            return "body is nested too deeply (more than \(nestingReported) levels of arrays or objects, \(bytes) bytes)"
        }
        return reason(error, bytes: bytes)
    }

    /// A short, one-line reason a body did not decode (no body content echoed beyond a path).
    static func reason(_ error: any Error, bytes: Int) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \(path(context.codingPath + [key])) in a \(bytes)-byte body"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected type at \(path(context.codingPath)) in a \(bytes)-byte body"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "body is not valid JSON (\(bytes) bytes)"
                : "corrupt value at \(path(context.codingPath))"
        default:
            return "\(bytes)-byte body did not decode"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
