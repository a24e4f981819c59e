import Crypto
import Foundation

/// The signed JWT that proves who we are to ConductorOne's token endpoint (RFC 7523 client
/// assertion): EdDSA over `header.claims`, valid from two minutes ago to two minutes ahead, so
/// a modest clock skew between us and ConductorOne does not refuse it.
enum ClientAssertion {
    static func make(for credentials: ClientCredentials, now: Date = Date()) throws -> String {
        var nonce = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in nonce.indices { nonce[index] = generator.next() }
        let hexNonce = nonce.map { String(format: "%02x", $0) }.joined()
        // Written by hand: the header's bytes must be exactly `{"alg":"EdDSA","nonce":"…"}` (plus
        // `kid` when the key has one), and JSONEncoder does not promise an order of keys.
        var header = #"{"alg":"EdDSA","nonce":"\#(hexNonce)""#
        if let kid = credentials.keyId { header += #","kid":"# + jsonString(kid) }
        header += "}"
        let seconds = Int64(now.timeIntervalSince1970)
        let claims =
            "{"
            + [
                #""iss":"# + jsonString(credentials.clientId),
                #""sub":"# + jsonString(credentials.clientId),
                #""aud":"# + jsonString(credentials.audience),
                #""iat":\#(seconds)"#, #""nbf":\#(seconds - 120)"#, #""exp":\#(seconds + 120)"#,
            ].joined(separator: ",") + "}"
        let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(claims.utf8))
        let signature = try credentials.signingKey.signature(for: Data(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// `text` as a JSON string literal, quotes included.
    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
