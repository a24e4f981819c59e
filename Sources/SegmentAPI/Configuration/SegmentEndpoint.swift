import Foundation

/// Resolves the base URL the client talks to: a region's host, or an explicit URL.
///
/// Plain `http` is accepted only for loopback hosts (the simulator); anything else must be `https`,
/// because the token travels in a header.
public enum SegmentEndpoint {
    /// Picks `baseURL` when given, else the region's host (US when both are nil).
    public static func resolve(region: Region? = nil, baseURL: String? = nil) throws -> URL {
        guard let raw = baseURL?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return URL(string: (region ?? .us).baseURL)!
        }
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased() else {
            throw SegmentConfigurationError.invalidBaseURL(raw, reason: "not an absolute URL")
        }
        guard let host = url.host, !host.isEmpty else {
            throw SegmentConfigurationError.invalidBaseURL(raw, reason: "no host")
        }
        guard url.query == nil, url.fragment == nil else {
            throw SegmentConfigurationError.invalidBaseURL(raw, reason: "must not carry a query or fragment")
        }
        switch scheme {
        case "https":
            return url
        case "http":
            guard isLoopback(host: host) else {
                throw SegmentConfigurationError.invalidBaseURL(
                    raw, reason: "plain http is allowed only for loopback hosts (127.0.0.0/8, localhost, ::1); use https")
            }
            return url
        default:
            throw SegmentConfigurationError.invalidBaseURL(raw, reason: "scheme must be https (or http for loopback)")
        }
    }

    /// True for `localhost`, `::1` and any 127.0.0.0/8 address.
    static func isLoopback(host: String) -> Bool {
        let trimmed = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if trimmed == "localhost" || trimmed == "::1" || trimmed == "0:0:0:0:0:0:0:1" { return true }
        let octets = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { part in
            guard let value = Int(part), part.allSatisfy(\.isNumber) else { return false }
            return (0...255).contains(value)
        }
    }
}

/// A configuration problem detected before any request is sent.
public enum SegmentConfigurationError: Error, CustomStringConvertible, Equatable {
    /// The base URL as given, and why it was refused (not absolute, no host, a query, or plain http off loopback).
    case invalidBaseURL(String, reason: String)
    /// The token is empty or only whitespace.
    case emptyToken
    /// The token holds whitespace or a control character (never echoed: it is the secret).
    case malformedToken
    /// A setting out of range (page size, concurrency, pacing, retries, timeouts, limits); the message says which.
    case invalidSetting(String)

    /// One line for logs and the command line; never quotes the token.
    public var description: String {
        switch self {
        case .invalidBaseURL(let url, let reason): "invalid Segment base URL \"\(url)\": \(reason)"
        case .emptyToken: "the Segment API token is empty"
        case .malformedToken:
            "the Segment API token contains whitespace or a control character; copy it again from Segment (nothing was sent)"
        case .invalidSetting(let message): "invalid Segment client setting: \(message)"
        }
    }
}
