import BatonKit
import Crypto
import Foundation
import SwiftProtobuf
import Testing

@testable import BatonServiceMode

/// A client secret in ConductorOne's format for a fresh Ed25519 key.
func makeClientSecret(key: Curve25519.Signing.PrivateKey = .init(), kid: String? = nil, version: String = "v1") -> String {
    var jwk = [
        "kty": "OKP", "crv": "Ed25519", "x": Base64URL.encode(key.publicKey.rawRepresentation),
        "d": Base64URL.encode(key.rawRepresentation),
    ]
    if let kid { jwk["kid"] = kid }
    let json = try! JSONSerialization.data(withJSONObject: jwk, options: [.sortedKeys])
    return "secret-token:conductorone.com:\(version):\(Base64URL.encode(json))"
}

@Suite struct CredentialsTests {
    let clientId = "baton-test@tenant.conductor.one/pcc"

    @Test func parsesTheClientIdAndSecret() throws {
        let credentials = try ClientCredentials(clientId: clientId, clientSecret: Secret(makeClientSecret(kid: "k1")))
        #expect(credentials.clientName == "baton-test")
        #expect(credentials.tokenHost == "tenant.conductor.one")
        #expect(credentials.audience == "tenant.conductor.one")
        #expect(credentials.keyId == "k1")
    }

    @Test func theAudienceDropsAPortFromTheTokenHost() throws {
        let credentials = try ClientCredentials(clientId: "n@tenant.example:8443/x", clientSecret: Secret(makeClientSecret()))
        #expect(credentials.audience == "tenant.example")
    }

    @Test(arguments: [
        ("no-at-sign/x", "no '@'"),
        ("name@host-without-slash", "no '/'"),
        ("name@/x", "host between '@' and '/' is empty"),
        ("name @host/x", "whitespace"),
    ])
    func aMalformedClientIdNamesWhatIsWrong(id: String, expected: String) {
        #expect { try ClientCredentials(clientId: id, clientSecret: Secret(makeClientSecret())) } throws: { error in
            let error = error as? BatonError
            return error?.code == .invalidArgument && error?.message.contains("client id") == true
                && error?.message.contains(expected) == true
        }
    }

    @Test func aMalformedSecretNamesThePartAndNeverEchoesIt() throws {
        let good = makeClientSecret()
        let otherKey = Curve25519.Signing.PrivateKey()
        let mismatched: String = {
            let jwk = [
                "kty": "OKP", "crv": "Ed25519", "x": Base64URL.encode(otherKey.publicKey.rawRepresentation),
                "d": Base64URL.encode(Curve25519.Signing.PrivateKey().rawRepresentation),
            ]
            return "a:b:v1:" + Base64URL.encode(try! JSONSerialization.data(withJSONObject: jwk))
        }()
        let cases: [(String, String)] = [
            ("only:three:k3yxyz", "expected 4 parts"),
            (good.replacingOccurrences(of: ":v1:", with: ":v2:"), "part 3 must be \"v1\""),
            ("a:b:v1:not base64!", "whitespace"),
            ("a:b:v1:@@@", "not unpadded base64url"),
            ("a:b:v1:" + Base64URL.encode(Data("not json".utf8)), "not a JSON Web Key"),
            ("a:b:v1:" + Base64URL.encode(Data(#"{"kty":"RSA"}"#.utf8)), "not an Ed25519 key"),
            ("a:b:v1:" + Base64URL.encode(Data(#"{"kty":"OKP","crv":"Ed25519","x":"AAAA"}"#.utf8)), "no valid private part"),
            (mismatched, "does not match"),
            (good + "\u{07}", "control characters"),
        ]
        for (secret, expected) in cases {
            do {
                _ = try ClientCredentials(clientId: clientId, clientSecret: Secret(secret))
                Issue.record("accepted a malformed secret (expected: \(expected))")
            } catch let error as BatonError {
                #expect(error.code == .invalidArgument)
                #expect(error.message.hasPrefix("invalid client secret: "))
                #expect(error.message.contains(expected), "\(error.message)")
                let keyPart = secret.split(separator: ":").last.map(String.init) ?? secret
                #expect(!error.message.contains(keyPart), "the error echoes the secret")
            }
        }
    }

    @Test func theClientAssertionIsAnEdDSASignedJWTWithTheProtocolsClaims() throws {
        let key = Curve25519.Signing.PrivateKey()
        let credentials = try ClientCredentials(clientId: clientId, clientSecret: Secret(makeClientSecret(key: key)))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let jwt = try ClientAssertion.make(for: credentials, now: now)
        let parts = jwt.split(separator: ".").map(String.init)
        try #require(parts.count == 3)

        let headerData = try #require(Base64URL.decode(parts[0]))
        let header = try #require(try JSONSerialization.jsonObject(with: headerData) as? [String: String])
        #expect(Set(header.keys) == ["alg", "nonce"])
        #expect(header["alg"] == "EdDSA")
        let nonce = try #require(header["nonce"])
        #expect(nonce.count == 32 && nonce.allSatisfy { "0123456789abcdef".contains($0) })

        let claimsData = try #require(Base64URL.decode(parts[1]))
        let claims = try #require(try JSONSerialization.jsonObject(with: claimsData) as? [String: Any])
        #expect(claims["iss"] as? String == clientId)
        #expect(claims["sub"] as? String == clientId)
        #expect(claims["aud"] as? String == "tenant.conductor.one")
        #expect(claims["iat"] as? Int == 1_800_000_000)
        #expect(claims["nbf"] as? Int == 1_800_000_000 - 120)
        #expect(claims["exp"] as? Int == 1_800_000_000 + 120)

        let signature = try #require(Base64URL.decode(parts[2]))
        #expect(key.publicKey.isValidSignature(signature, for: Data((parts[0] + "." + parts[1]).utf8)))
    }

    @Test func aKeyIdGoesIntoTheHeaderAfterTheNonce() throws {
        let credentials = try ClientCredentials(clientId: clientId, clientSecret: Secret(makeClientSecret(kid: "key-7")))
        let header = try #require(Base64URL.decode(String(try ClientAssertion.make(for: credentials).split(separator: ".")[0])))
        let text = String(decoding: header, as: UTF8.self)
        #expect(text.hasPrefix(#"{"alg":"EdDSA","nonce":""#))
        #expect(text.hasSuffix(#","kid":"key-7"}"#))
    }
}

@Suite struct EndpointTests {
    let credentials = try! ClientCredentials(clientId: "n@tenant.conductor.one/x", clientSecret: Secret(makeClientSecret()))

    @Test func defaultsToTheTokenHostOnPort443() throws {
        let endpoint = try ConductorOneEndpoint(credentials: credentials, apiHostOverride: nil)
        #expect(endpoint.host == "tenant.conductor.one" && endpoint.port == 443)
        #expect(endpoint.tokenURL == "https://tenant.conductor.one/auth/v1/token")
    }

    @Test func theAPIHostMovesTokenAndChannelButNotTheAudience() throws {
        let endpoint = try ConductorOneEndpoint(credentials: credentials, apiHostOverride: "127.0.0.1:9443")
        #expect(endpoint.host == "127.0.0.1" && endpoint.port == 9443)
        #expect(endpoint.tokenURL == "https://127.0.0.1:9443/auth/v1/token")
        #expect(credentials.audience == "tenant.conductor.one")
        let hostOnly = try ConductorOneEndpoint(credentials: credentials, apiHostOverride: "proxy.internal")
        #expect(hostOnly.port == 443)
    }

    @Test(arguments: ["host:notaport", "host:0", "a:b:c", ":443"])
    func aMalformedAPIHostIsRefused(text: String) {
        #expect(throws: BatonError.self) { try ConductorOneEndpoint(credentials: credentials, apiHostOverride: text) }
    }
}

@Suite struct PollTimingTests {
    @Test func intervalsAreClampedAsTheSDKDoes() {
        var duration = Google_Protobuf_Duration(seconds: 3600)
        #expect(PollTiming.pollInterval(duration) == .seconds(300))
        #expect(PollTiming.heartbeatInterval(duration) == .seconds(300))
        duration = Google_Protobuf_Duration(seconds: 0, nanos: 100_000_000)
        #expect(PollTiming.pollInterval(duration) == .milliseconds(100))
        #expect(PollTiming.heartbeatInterval(duration) == .seconds(1))
        #expect(PollTiming.heartbeatInterval(nil) == .seconds(30))
    }

    @Test func backOffGrowsAndIsCapped() {
        #expect(PollTiming.pollBackoff(failures: 1) == .seconds(1))
        #expect(PollTiming.pollBackoff(failures: 3) == .seconds(9))
        #expect(PollTiming.pollBackoff(failures: 100) == .seconds(60))
        #expect(PollTiming.helloBackoff(attempt: 1) == .seconds(1))
        #expect(PollTiming.helloBackoff(attempt: 4) == .seconds(8))
        #expect(PollTiming.helloBackoff(attempt: 30) == .seconds(300))
    }
}
