import Crypto
import Foundation

/// Why a client assertion (or a token request around it) was refused; the text goes into the
/// 401 body and the token request record so a failing test says what the connector got wrong.
package struct TokenRequestRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// The OAuth error code (`invalid_request`, `invalid_client`, `unauthorized_client`...).
    package let code: String
    /// What exactly was wrong.
    package let reason: String

    init(_ code: String, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    package var description: String { "\(code): \(reason)" }
}

/// Checks a client assertion the way ConductorOne does: an Ed25519-signed compact JWS whose
/// header and claims follow the SDK's token source.
struct ClientAssertionVerifier: Sendable {
    let credentials: ConductorOneCredentials
    /// How far `iat` may be from the fake's clock: both run on one machine in tests, so this
    /// only absorbs the time between signing and arrival.
    let issuedAtTolerance: TimeInterval

    func verify(_ assertion: String, now: Date) throws(TokenRequestRejection) {
        let segments = assertion.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3 else {
            throw reject("client_assertion is not a compact JWS (\(segments.count) segments)")
        }
        guard let headerBytes = Base64URL.decode(segments[0]),
            let claimsBytes = Base64URL.decode(segments[1]),
            let signature = Base64URL.decode(segments[2])
        else {
            throw reject("a JWS segment is not unpadded base64url")
        }

        try checkHeader(headerBytes)
        // The JWS signing input is the two encoded segments as sent, not re-encoded JSON.
        let signingInput = Data("\(segments[0]).\(segments[1])".utf8)
        guard credentials.publicKey.isValidSignature(signature, for: signingInput) else {
            throw reject("the EdDSA signature does not verify with the client's key")
        }
        try checkClaims(claimsBytes, now: now)
    }

    private func checkHeader(_ bytes: Data) throws(TokenRequestRejection) {
        guard let header = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any] else {
            throw reject("the JWS header is not a JSON object")
        }
        guard header["alg"] as? String == "EdDSA" else {
            throw reject("JWS alg must be EdDSA, got \(String(describing: header["alg"]))")
        }
        guard let nonce = header["nonce"] as? String, nonce.count == 32,
            nonce.allSatisfy({ $0.isASCII && $0.isHexDigit && !$0.isUppercase })
        else {
            throw reject("JWS nonce must be 32 lowercase hex characters")
        }
        switch (credentials.keyId, header["kid"]) {
        case (nil, nil):
            break
        case (let expected?, let sent as String) where sent == expected:
            break
        case (nil, _?):
            throw reject("JWS kid sent though the client's key has none")
        case (let expected?, let sent):
            throw reject("JWS kid must be \(expected), got \(String(describing: sent))")
        }
        // The SDK's header is exactly alg, nonce and an optional kid; anything more means the
        // connector's signer differs from the one ConductorOne is known to accept.
        let extra = Set(header.keys).subtracting(["alg", "nonce", "kid"])
        guard extra.isEmpty else {
            throw reject("unexpected JWS header fields \(extra.sorted())")
        }
    }

    private func checkClaims(_ bytes: Data, now: Date) throws(TokenRequestRejection) {
        guard let claims = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any] else {
            throw reject("the JWT claims are not a JSON object")
        }
        guard claims["iss"] as? String == credentials.clientId else {
            throw reject("iss must be the client id, got \(String(describing: claims["iss"]))")
        }
        guard claims["sub"] as? String == credentials.clientId else {
            throw reject("sub must be the client id, got \(String(describing: claims["sub"]))")
        }
        // Older SDKs send aud as a one-element array, newer ones as a string.
        let audience: String? =
            switch claims["aud"] {
            case let single as String: single
            case let list as [String] where list.count == 1: list[0]
            default: nil
            }
        guard audience == credentials.tokenHost else {
            throw reject("aud must be \(credentials.tokenHost), got \(String(describing: claims["aud"]))")
        }
        let nowSeconds = now.timeIntervalSince1970
        guard let iat = numericDate(claims["iat"]) else { throw reject("iat missing or not a NumericDate") }
        guard let nbf = numericDate(claims["nbf"]) else { throw reject("nbf missing or not a NumericDate") }
        guard let exp = numericDate(claims["exp"]) else { throw reject("exp missing or not a NumericDate") }
        guard abs(iat - nowSeconds) <= issuedAtTolerance else {
            throw reject("iat \(iat) is not now (\(nowSeconds))")
        }
        guard nbf <= nowSeconds else { throw reject("nbf \(nbf) is in the future (now \(nowSeconds))") }
        guard exp > nowSeconds else { throw reject("exp \(exp) has passed (now \(nowSeconds))") }
    }

    /// JSON numbers arrive as NSNumber; a boolean is also an NSNumber and must not count.
    private func numericDate(_ value: Any?) -> TimeInterval? {
        guard let number = value as? NSNumber, !(value is Bool) else { return nil }
        return number.doubleValue
    }

    private func reject(_ reason: String) -> TokenRequestRejection {
        TokenRequestRejection("invalid_client", reason)
    }
}
