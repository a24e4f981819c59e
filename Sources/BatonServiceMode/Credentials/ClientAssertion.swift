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
        let header = Header(alg: "EdDSA", nonce: nonce.map { String(format: "%02x", $0) }.joined(), kid: credentials.keyId)
        let seconds = Int64(now.timeIntervalSince1970)
        let claims = Claims(iss: credentials.clientId, sub: credentials.clientId, aud: credentials.audience,
                            iat: seconds, nbf: seconds - 120, exp: seconds + 120)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let signingInput = Base64URL.encode(try encoder.encode(header)) + "." + Base64URL.encode(try encoder.encode(claims))
        let signature = try credentials.signingKey.signature(for: Data(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    // Field order is the encoding order: `alg`, `nonce`, then `kid` only when the key has one.
    struct Header: Encodable {
        var alg: String
        var nonce: String
        var kid: String?
    }

    struct Claims: Encodable {
        var iss: String
        var sub: String
        var aud: String
        var iat: Int64
        var nbf: Int64
        var exp: Int64
    }
}
