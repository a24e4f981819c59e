import Foundation

/// Decoding of `application/x-www-form-urlencoded` bodies (the WHATWG algorithm, minus charsets
/// other than UTF-8), which is what OAuth token requests are.
enum FormURLEncoding {
    /// The fields of `body`; a name given twice is reported so the endpoint can refuse it, as an
    /// OAuth server must for repeated parameters.
    static func decode(_ body: String) -> (fields: [String: String], repeated: Set<String>)? {
        var fields: [String: String] = [:]
        var repeated: Set<String> = []
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = unescape(parts[0]) else { return nil }
            guard let value = unescape(parts.count == 2 ? parts[1] : "") else { return nil }
            if fields.updateValue(value, forKey: name) != nil {
                repeated.insert(name)
            }
        }
        return (fields, repeated)
    }

    private static func unescape(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
