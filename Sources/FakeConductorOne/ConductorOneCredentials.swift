import Crypto
import Foundation

/// A client id and secret in ConductorOne's formats, with the Ed25519 key behind the secret.
///
/// The fake keeps the public half to verify client assertions; tests hand ``clientId`` and
/// ``clientSecret`` to the connector exactly as a tenant administrator would.
package struct ConductorOneCredentials: Sendable {
    /// The client name: the part before `@`, which the connector also puts in its user agent.
    package let clientName: String
    /// The host between `@` and the first `/`: the JWT audience, whatever host is dialled.
    package let tokenHost: String
    /// `<client name>@<token host>/<rest>`.
    package let clientId: String
    /// `secret-token:conductorone.com:v1:<base64url of the private JWK, unpadded>`.
    package let clientSecret: String
    /// The key that verifies the connector's client assertions.
    package let publicKey: Curve25519.Signing.PublicKey
    /// The `kid` in the JWK, if any; a JWS header must then carry the same `kid`.
    package let keyId: String?

    /// Makes fresh credentials with a new Ed25519 key.
    ///
    /// - Parameters:
    ///   - clientName: the part before `@`.
    ///   - tokenHost: the audience host (no port).
    ///   - rest: what follows the first `/`.
    ///   - keyId: a `kid` to put in the JWK; real secrets may carry one, and then the connector
    ///     must echo it in the JWS header.
    package init(
        clientName: String = "test-client",
        tokenHost: String = "tenant.conductor.one",
        rest: String = "pcc",
        keyId: String? = nil
    ) {
        let privateKey = Curve25519.Signing.PrivateKey()
        self.clientName = clientName
        self.tokenHost = tokenHost
        self.clientId = "\(clientName)@\(tokenHost)/\(rest)"
        self.publicKey = privateKey.publicKey
        self.keyId = keyId
        self.clientSecret =
            "secret-token:conductorone.com:v1:"
            + Base64URL.encode(Self.privateJWK(privateKey, keyId: keyId))
    }

    /// The private key as a JSON Web Key (RFC 8037 OKP), with sorted keys so the secret is stable
    /// for a given key.
    private static func privateJWK(_ key: Curve25519.Signing.PrivateKey, keyId: String?) -> Data {
        var jwk = [
            "kty": "OKP",
            "crv": "Ed25519",
            "x": Base64URL.encode(key.publicKey.rawRepresentation),
            "d": Base64URL.encode(key.rawRepresentation),
        ]
        if let keyId { jwk["kid"] = keyId }
        // A dictionary of strings always serialises.
        return try! JSONSerialization.data(withJSONObject: jwk, options: [.sortedKeys])
    }
}
