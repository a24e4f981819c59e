import Foundation
import HostileSegment
import Redaction
import Testing

@testable import SegmentAPI

/// A token with whitespace or a control character is a configuration error before any request,
/// and redaction catches the token however a layer spelled it.
@Suite("Token characters and redaction")
struct TokenCharacterTests {
    static let malformed = ["tok\u{01}en-SECRET-9", "tok en-SECRET-9", "tok\ten-SECRET-9", "token-SECRET-9\n", "tok\u{7F}en-SECRET-9"]

    @Test("a token with a control character or whitespace is refused with one line, sending nothing", arguments: malformed)
    func malformedTokenIsRefused(_ token: String) async throws {
        try await HostileSegment.run(modes: [.respond(path: "*", status: 200, body: workspaceBody)]) { server in
            var texts: [String] = []
            do {
                try await HostileClient.with(server, token: token, { $0.maxRetries = 6 }) { client in
                    _ = try await client.getWorkspace()
                }
                Issue.record("the token \(token.debugDescription) was accepted")
            } catch {
                texts = ["\(error)", String(reflecting: error)]
                #expect(error is SegmentConfigurationError, "\(error)")
            }
            #expect(await server.requests().isEmpty)
            for text in texts {
                #expect(!text.contains("\n"))
                for form in SecretForms.of(token) { #expect(!text.contains(form), "\(text)") }
                #expect(!text.contains("SECRET"), "\(text)")
            }
        }
    }

    @Test("redaction matches the raw, escaped and percent-encoded token")
    func scrubberMatchesEveryForm() {
        let token = "ab\u{01}c/d+e=SECRET"
        let scrub = TokenScrubber(token: token)
        let texts = [
            "Bearer \(token)", "invalidHeaderFieldValues([\(String(reflecting: "Bearer \(token)"))])",
            "url?t=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
            "json \"ab\\u0001c/d+e=SECRET\"",
        ]
        for text in texts {
            let clean = scrub(text)
            #expect(!clean.contains("SECRET"), "\(text) → \(clean)")
        }
    }
}
