import Foundation

/// One Public API call, described before it is sent.
struct RequestSpec: Sendable {
    var operation: String
    var method: HTTPMethodName
    var path: String
    var query: [(String, String)] = []
    var body: Data? = nil
    var safety: RetrySafety = .repeatable

    /// Reads draw on the read budget; every mutation here is an IAM write (60/min at Segment).
    var budget: RequestBudget { method == .get ? .read : .write }

    static func get(_ operation: String, _ path: String, query: [(String, String)] = []) -> RequestSpec {
        RequestSpec(operation: operation, method: .get, path: path, query: query)
    }

    static func write<Body: Encodable>(
        _ operation: String, _ method: HTTPMethodName, _ path: String, body: Body,
        safety: RetrySafety = .repeatable
    ) throws -> RequestSpec {
        RequestSpec(operation: operation, method: method, path: path, body: try BodyEncoding.encode(body), safety: safety)
    }

    static func delete(
        _ operation: String, _ path: String, query: [(String, String)] = [],
        safety: RetrySafety = .repeatable
    ) -> RequestSpec {
        RequestSpec(operation: operation, method: .delete, path: path, query: query, safety: safety)
    }
}

/// Deterministic JSON for request bodies (sorted keys, no escaped slashes).
enum BodyEncoding {
    static func encode<Body: Encodable>(_ body: Body) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(body)
    }
}
