import Foundation

/// The spellings a secret can take once some layer has quoted it: raw, escaped the way Swift's
/// `debugDescription` and JSON escape strings (an HTTP library's error text quotes a header it
/// refused in escaped form), and percent-encoded (a URL, a query). Redaction must match them all.
package enum SecretForms {
    /// Every distinct spelling of `secret`, longest first so a longer form is replaced whole.
    package static func of(_ secret: String) -> [String] {
        guard !secret.isEmpty else { return [] }
        let json = jsonEscaped(secret)
        var forms: [String] = [secret, swiftEscaped(secret), json, json.uppercasingUnicodeEscapes()]
        for allowed in [CharacterSet.urlQueryAllowed, .urlPathAllowed, unreserved] {
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: allowed) {
                forms.append(encoded)
                forms.append(encoded.lowercasedPercentEscapes())
            }
        }
        var seen = Set<String>()
        return forms.filter { !$0.isEmpty && seen.insert($0).inserted }.sorted { $0.count > $1.count }
    }

    /// Replaces each of `forms` (from ``of(_:)``) in `text` with `replacement`.
    package static func redact(_ text: String, forms: [String], replacement: String) -> String {
        var clean = text
        for form in forms where clean.contains(form) {
            clean = clean.replacingOccurrences(of: form, with: replacement)
        }
        return clean
    }

    /// As `String.debugDescription` writes the characters inside the quotes.
    static func swiftEscaped(_ text: String) -> String {
        let quoted = text.debugDescription
        return String(quoted.dropFirst().dropLast())
    }

    /// As JSON writes a string's characters (`\n`, `\u0001`, ...).
    static func jsonEscaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// RFC 3986 unreserved characters: the strictest percent-encoding.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

private extension String {
    /// `\u001f` → `\u001F`: JSON encoders differ in the case of hex digits.
    func uppercasingUnicodeEscapes() -> String {
        var out = ""
        var rest = Substring(self)
        while let range = rest.range(of: "\\u") {
            out += rest[..<range.upperBound]
            let digits = rest[range.upperBound...].prefix(4)
            out += digits.uppercased()
            rest = rest[range.upperBound...].dropFirst(digits.count)
        }
        return out + rest
    }

    /// `%2F` → `%2f`: some encoders write lower-case hex digits.
    func lowercasedPercentEscapes() -> String {
        var out = ""
        var rest = Substring(self)
        while let index = rest.firstIndex(of: "%") {
            out += rest[..<index]
            let escape = rest[index...].prefix(3)
            out += escape.lowercased()
            rest = rest[index...].dropFirst(escape.count)
        }
        return out + rest
    }
}
