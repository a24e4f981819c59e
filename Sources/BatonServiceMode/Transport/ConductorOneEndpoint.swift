import BatonKit
import Foundation

/// Where the connector talks to ConductorOne: the token URL and the gRPC target share one host.
///
/// By default that is the client id's token host on port 443; `BATON_C1_API_HOST` (host or
/// host:port) moves both, e.g. to a proxy or a test server, but never the JWT audience.
package struct ConductorOneEndpoint: Sendable, Equatable {
    package let host: String
    package let port: Int

    package init(credentials: ClientCredentials, apiHostOverride: String?) throws {
        let chosen = apiHostOverride.flatMap { $0.isEmpty ? nil : $0 } ?? credentials.tokenHost
        (host, port) = try HostAndPort.parse(chosen, defaultPort: 443)
    }

    /// `https://host[:port]/auth/v1/token`.
    package var tokenURL: String {
        let authority = port == 443 ? HostAndPort.bracketed(host) : "\(HostAndPort.bracketed(host)):\(port)"
        return "https://\(authority)/auth/v1/token"
    }
}

enum HostAndPort {
    /// `host`, `host:port`, `[v6]` or `[v6]:port`.
    static func parse(_ text: String, defaultPort: Int) throws -> (host: String, port: Int) {
        let invalid = BatonError.invalidArgument("invalid ConductorOne host \"\(text.prefix(200))\": expected host or host:port")
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return (host, defaultPort) }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port) else { throw invalid }
            return (host, port)
        }
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        switch pieces.count {
        case 1:
            guard !text.isEmpty else { throw invalid }
            return (text, defaultPort)
        case 2:
            guard !pieces[0].isEmpty, let port = Int(pieces[1]), (1...65535).contains(port) else { throw invalid }
            return (String(pieces[0]), port)
        default:
            throw invalid
        }
    }

    static func stripPort(_ text: String) -> String {
        (try? parse(text, defaultPort: 443).host) ?? text
    }

    enum IPKind { case v4, v6 }

    /// Whether `host` is an IPv4 or IPv6 literal (nil for a name).
    static func ipKind(_ host: String) -> IPKind? {
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return .v4 }
        if inet_pton(AF_INET6, host, &v6) == 1 { return .v6 }
        return nil
    }

    static func bracketed(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
}
