import AsyncHTTPClient
import BatonKit
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// ConductorOne access tokens: obtained with a client assertion from `/auth/v1/token`, cached,
/// and refreshed before they expire. Concurrent callers share one request.
///
/// A refused or empty token is `UNAUTHENTICATED`: the credentials are wrong, and no retry helps.
package actor AccessTokenSource {
    private let credentials: ClientCredentials
    private let tokenURL: String
    private let http: HTTPClient
    private let logger: Logger
    private var current: (token: String, refreshAt: ContinuousClock.Instant)?
    private var inFlight: Task<String, any Error>?

    /// How many tokens have been obtained (for tests and logs).
    package private(set) var tokensObtained = 0

    package init(credentials: ClientCredentials, endpoint: ConductorOneEndpoint, trustRoots: TrustRoots, logger: Logger) {
        self.credentials = credentials
        self.tokenURL = endpoint.tokenURL
        self.logger = logger
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.trustRoots = trustRoots.nioTrustRoots
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(30)))
        // HTTP/1.1 or HTTP/2, whichever the token host prefers (ALPN), as Go's HTTP client does.
        configuration.httpVersion = .automatic
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// A valid access token, fetching a new one when the cached one is due for refresh.
    package func token() async throws -> String {
        if let current, ContinuousClock.now < current.refreshAt { return current.token }
        if let inFlight { return try await inFlight.value }
        let task = Task { try await self.fetch() }
        inFlight = task
        defer { inFlight = nil }
        return try await task.value
    }

    /// Drops the cached token, so the next call fetches a new one (after ConductorOne refused it).
    package func invalidate() { current = nil }

    package func shutdown() async {
        try? await http.shutdown()
    }

    private func fetch() async throws -> String {
        let assertion = try ClientAssertion.make(for: credentials)
        var request = HTTPClientRequest(url: tokenURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(
            ByteBuffer(
                string: FormEncoding.encode([
                    ("client_id", credentials.clientId),
                    ("grant_type", "client_credentials"),
                    ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                    ("client_assertion", assertion),
                ])))
        let started = ContinuousClock.now
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.execute(request, timeout: .seconds(30))
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw BatonError(.unavailable, "could not reach ConductorOne's token endpoint at \(tokenURL): \(Self.describe(error))")
        }
        guard response.status == .ok else {
            throw BatonError.unauthenticated(
                "ConductorOne refused the client credentials (token endpoint answered HTTP \(response.status.code))")
        }
        guard let decoded = try? JSONDecoder().decode(TokenResponse.self, from: Data(buffer: body)),
            let token = decoded.accessToken, !token.isEmpty
        else {
            throw BatonError.unauthenticated("ConductorOne's token endpoint returned no access token")
        }
        let lifetime = Duration.seconds(max(decoded.expiresIn ?? 3600, 1))
        // Refresh with a fifth of the lifetime left (at most five minutes early), so a call never
        // carries a token that expires on the way.
        let margin = min(lifetime / 5, .seconds(300))
        current = (token, started + lifetime - margin)
        tokensObtained += 1
        logger.debug("obtained a ConductorOne access token", metadata: ["expires_in_s": .stringConvertible(decoded.expiresIn ?? 0)])
        return token
    }

    private static func describe(_ error: any Error) -> String {
        String(describing: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "unknown error"
    }

    /// The token endpoint's answer (OAuth 2.0 field names).
    private struct TokenResponse: Decodable {
        var accessToken: String?
        var tokenType: String?
        var expiresIn: Int?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case tokenType = "token_type"
            case expiresIn = "expires_in"
        }
    }
}

/// `application/x-www-form-urlencoded` bodies.
enum FormEncoding {
    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
        return fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func decode(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[0])
            let value =
                parts.count > 1
                ? (String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[1])) : ""
            fields[key] = value
        }
        return fields
    }
}
