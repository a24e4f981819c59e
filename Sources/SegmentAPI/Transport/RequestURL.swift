import Foundation

/// Builds request URLs: base URL + path + a query string encoded the way Segment expects.
enum RequestURL {
    /// RFC 3986 unreserved characters; everything else is percent-encoded (so `@`, `+`, `=`, `/` are).
    private static let unreserved: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return set
    }()

    /// Percent-encodes a query key, query value or path segment.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// `base` without trailing slashes, then `path` (which starts with "/"; "/" alone is the root).
    static func build(base: URL, path: String, query: [(String, String)]) -> String {
        var root = base.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        let normalizedPath = path.hasPrefix("/") ? path : "/" + path
        let queryString = encodeQuery(query)
        return root + normalizedPath + (queryString.isEmpty ? "" : "?" + queryString)
    }

    /// `key=value&...`, each side percent-encoded, order kept.
    static func encodeQuery(_ items: [(String, String)]) -> String {
        items.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// Segment's indexed array form: `name.0=a&name.1=b`.
    static func indexed(_ name: String, _ values: [String]) -> [(String, String)] {
        values.enumerated().map { ("\(name).\($0.offset)", $0.element) }
    }

    /// `pagination.count` always, `pagination.cursor` when continuing.
    static func pagination(count: Int, cursor: String?) -> [(String, String)] {
        var items = [("pagination.count", String(count))]
        if let cursor, !cursor.isEmpty { items.append(("pagination.cursor", cursor)) }
        return items
    }

    /// A path built from literal parts and ids; ids are percent-encoded.
    static func path(_ parts: PathPart...) -> String {
        "/"
            + parts.map { part in
                switch part {
                case .literal(let text): text
                case .id(let id): encode(id)
                }
            }.joined(separator: "/")
    }

    enum PathPart: ExpressibleByStringLiteral {
        case literal(String)
        case id(String)
        init(stringLiteral value: String) { self = .literal(value) }
    }
}
