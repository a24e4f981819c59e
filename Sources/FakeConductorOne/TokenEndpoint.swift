import Foundation

/// An access token the fake handed out.
package struct IssuedAccessToken: Sendable, Equatable {
    /// The opaque bearer token.
    package let value: String
    /// When the fake stops accepting it.
    package let expiresAt: Date
    /// The lifetime announced in `expires_in`.
    package let lifetimeSeconds: Int
}

/// One HTTP request as the token endpoint sees it (already decrypted and parsed).
struct TokenEndpointRequest: Sendable {
    var method: String
    var path: String
    var contentType: String?
    var body: String
}

/// One HTTP answer of the token endpoint: a status and a JSON body.
struct TokenEndpointResponse: Sendable {
    var status: Int
    var json: [String: any Sendable]

    var body: Data {
        // Only strings and integers go in, which always serialise.
        (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}

/// ConductorOne's `POST /auth/v1/token`: the OAuth client-credentials grant authenticated by a
/// JWT client assertion (RFC 7523), answering a bearer token or a 401.
struct TokenEndpoint: Sendable {
    static let path = "/auth/v1/token"
    static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    let verifier: ClientAssertionVerifier
    /// Records the verdict on a request and, for an acceptable one, issues the token (or refuses
    /// it anyway, when the test asked the fake to refuse tokens).
    let settle:
        @Sendable (_ verdict: Result<Void, TokenRequestRejection>, _ now: Date)
            -> Result<IssuedAccessToken, TokenRequestRejection>

    func answer(_ request: TokenEndpointRequest, now: Date = Date()) -> TokenEndpointResponse {
        let path = request.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        guard path == Self.path else {
            return TokenEndpointResponse(status: 404, json: ["error": "not_found", "error_description": "no route \(path)"])
        }
        guard request.method == "POST" else {
            return TokenEndpointResponse(status: 405, json: ["error": "invalid_request", "error_description": "use POST"])
        }
        switch settle(check(request, now: now), now) {
        case .success(let token):
            return TokenEndpointResponse(
                status: 200,
                json: [
                    "access_token": token.value,
                    "token_type": "bearer",
                    "expires_in": token.lifetimeSeconds,
                ])
        case .failure(let rejection):
            return TokenEndpointResponse(
                status: 401,
                json: [
                    "error": rejection.code,
                    "error_description": rejection.reason,
                ])
        }
    }

    private func check(_ request: TokenEndpointRequest, now: Date) -> Result<Void, TokenRequestRejection> {
        let mediaType = request.contentType?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/x-www-form-urlencoded" else {
            return .failure(
                .init("invalid_request", "Content-Type must be application/x-www-form-urlencoded, got \(request.contentType ?? "none")"))
        }
        guard let (fields, repeated) = FormURLEncoding.decode(request.body) else {
            return .failure(.init("invalid_request", "the body is not valid form encoding"))
        }
        guard repeated.isEmpty else {
            return .failure(.init("invalid_request", "repeated fields \(repeated.sorted())"))
        }
        guard fields["grant_type"] == "client_credentials" else {
            return .failure(.init("unsupported_grant_type", "grant_type must be client_credentials, got \(fields["grant_type"] ?? "none")"))
        }
        guard fields["client_assertion_type"] == Self.assertionType else {
            return .failure(
                .init(
                    "invalid_request",
                    "client_assertion_type must be \(Self.assertionType), got \(fields["client_assertion_type"] ?? "none")"))
        }
        guard fields["client_id"] == verifier.credentials.clientId else {
            return .failure(
                .init("invalid_client", "client_id must be \(verifier.credentials.clientId), got \(fields["client_id"] ?? "none")"))
        }
        guard let assertion = fields["client_assertion"] else {
            return .failure(.init("invalid_request", "client_assertion missing"))
        }
        do {
            try verifier.verify(assertion, now: now)
            return .success(())
        } catch {
            return .failure(error)
        }
    }
}
