import BatonKit
import Crypto
import Foundation

/// A ConductorOne client id and secret, parsed and checked before any network call.
///
/// The id is `<client name>@<token host>/<rest>`: the token host is where the access token comes
/// from (and the JWT audience), the client name goes into the user agent. The secret is
/// `<a>:<b>:v1:<key>`, where `<key>` is an unpadded base64url JSON Web Key holding a private
/// Ed25519 key. Errors name the part that is wrong and never echo the secret.
package struct ClientCredentials: Sendable {
    /// The whole client id: the JWT's `iss` and `sub`, and the token request's `client_id`.
    package let clientId: String
    /// The text before `@`.
    package let clientName: String
    /// The text between `@` and the first `/`, possibly with a `:port`.
    package let tokenHost: String
    /// The key that signs client assertions.
    let signingKey: Curve25519.Signing.PrivateKey
    /// The JWK's `kid`, sent in the JWT header when present.
    let keyId: String?

    package init(clientId: String, clientSecret: Secret) throws {
        self.clientId = clientId
        (clientName, tokenHost) = try Self.parse(clientId: clientId)
        (signingKey, keyId) = try Self.parse(secret: clientSecret.value)
    }

    /// The JWT audience: the token host without any `:port`.
    package var audience: String { HostAndPort.stripPort(tokenHost) }

    static func parse(clientId: String) throws -> (name: String, host: String) {
        guard !clientId.contains(where: { $0.isWhitespace || $0.isControlCharacter }) else {
            throw BatonError.invalidArgument("invalid client id: it contains whitespace or control characters")
        }
        guard let at = clientId.firstIndex(of: "@") else {
            throw BatonError.invalidArgument("invalid client id: expected <client name>@<host>/<rest>, but there is no '@'")
        }
        let afterAt = clientId[clientId.index(after: at)...]
        guard let slash = afterAt.firstIndex(of: "/") else {
            throw BatonError.invalidArgument("invalid client id: expected <client name>@<host>/<rest>, but there is no '/' after the host")
        }
        let host = String(afterAt[..<slash])
        guard !host.isEmpty else { throw BatonError.invalidArgument("invalid client id: the host between '@' and '/' is empty") }
        return (String(clientId[..<at]), host)
    }

    static func parse(secret: String) throws -> (Curve25519.Signing.PrivateKey, String?) {
        guard !secret.contains(where: { $0.isWhitespace || $0.isControlCharacter }) else {
            throw BatonError.invalidArgument("invalid client secret: it contains whitespace or control characters")
        }
        let parts = secret.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4 else {
            throw BatonError.invalidArgument("invalid client secret: expected 4 parts separated by ':', found \(parts.count)")
        }
        guard parts[2] == "v1" else { throw BatonError.invalidArgument("invalid client secret: part 3 must be \"v1\"") }
        guard let jwkData = Base64URL.decode(String(parts[3])) else {
            throw BatonError.invalidArgument("invalid client secret: part 4 is not unpadded base64url")
        }
        guard let jwk = try? JSONDecoder().decode(JSONWebKey.self, from: jwkData) else {
            throw BatonError.invalidArgument("invalid client secret: part 4 is not a JSON Web Key")
        }
        guard jwk.kty == "OKP", jwk.crv == "Ed25519" else {
            throw BatonError.invalidArgument("invalid client secret: the key is not an Ed25519 key (kty OKP, crv Ed25519)")
        }
        guard let d = jwk.d.flatMap(Base64URL.decode), d.count == 32,
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: d)
        else {
            throw BatonError.invalidArgument("invalid client secret: the key has no valid private part (d)")
        }
        if let x = jwk.x {
            guard Base64URL.decode(x) == key.publicKey.rawRepresentation else {
                throw BatonError.invalidArgument("invalid client secret: the key's public part (x) does not match its private part")
            }
        }
        return (key, jwk.kid)
    }
}

/// The fields of an OKP JSON Web Key that a client secret may hold.
struct JSONWebKey: Decodable {
    var kty: String
    var crv: String?
    var x: String?
    var d: String?
    var kid: String?
}

extension Character {
    var isControlCharacter: Bool { unicodeScalars.contains { $0.properties.generalCategory == .control } }
}
