import ArgumentParser
import BatonKit
import Foundation
import Logging
import SegmentAPI
import SegmentConnector

/// The connector's own flags; each is also read from `BATON_<NAME>` and the YAML config file.
struct SegmentOptions: ParsableArguments {
    @Option(
        help: "Segment Public API token (env BATON_TOKEN). Create one under Settings → Workspace settings → Access Management → Tokens.")
    var token: String?

    @Option(help: "Segment region of the workspace: us or eu (default us).")
    var region: String?

    @Option(help: "Explicit Segment API base URL (overrides --region; plain http only for loopback).")
    var baseUrl: String?

    // `.unconditional`: a negative number is this option's value (then refused as out of
    // range), not a flag the parser reports as "Missing value".
    @Option(parsing: .unconditional, help: "Segment requests in flight at once (default 8).")
    var concurrency: Int?

    @Option(parsing: .unconditional, help: "Segment reads allowed per minute, paced on our side (default: unpaced).")
    var readsPerMinute: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Seconds one Segment request attempt may take, body included (default 30).", visibility: .hidden))
    var requestTimeout: Double?

    /// Builds the API client; a missing token or a malformed value is a one-line error.
    func makeClient(source: ConfigSource, logger: Logger, tokenRequired: Bool = true) throws -> (client: SegmentClient, concurrency: Int) {
        var token = source.string(token, "token") ?? ""
        if !token.isEmpty, SegmentToken.hasForbiddenCharacters(token) {
            throw SegmentConfigurationError.malformedToken  // never echoed, and nothing is sent
        }
        if token.isEmpty {
            guard !tokenRequired else { throw SegmentConnectorError.missingToken }
            token = "unused"
        }
        let regionName = source.string(region, "region")
        var parsedRegion: Region?
        if let regionName {
            guard let value = Region(rawValue: regionName.lowercased()) else {
                throw BatonError.invalidArgument("invalid --region \"\(regionName)\": expected us or eu")
            }
            parsedRegion = value
        }
        let concurrency = try source.int(concurrency, "concurrency") ?? SegmentClientConfiguration.defaultConcurrency
        guard (1...64).contains(concurrency) else {
            throw BatonError.invalidArgument("invalid --concurrency \(concurrency): expected 1 to 64")
        }
        let reads = try source.int(readsPerMinute, "reads-per-minute")
        if let reads, reads < 1 { throw BatonError.invalidArgument("invalid --reads-per-minute \(reads): expected at least 1") }
        var configuration: SegmentClientConfiguration
        do {
            configuration = try SegmentClientConfiguration(token: token, region: parsedRegion, baseURL: source.string(baseUrl, "base-url"))
        } catch {
            throw BatonError.invalidArgument("\(error)")
        }
        if let seconds = try source.string(requestTimeout.map { String($0) }, "request-timeout").map(Self.seconds) {
            configuration.requestTimeout = .milliseconds(Int64(seconds * 1000))
        }
        configuration.maxConcurrentRequests = concurrency
        configuration.readsPerMinute = reads
        configuration.logger = logger
        return (try SegmentClient(configuration: configuration), concurrency)
    }

    /// A positive number of seconds (at most a day), or a one-line error.
    private static func seconds(_ text: String) throws -> Double {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value > 0, value <= 86_400 else {
            throw BatonError.invalidArgument("invalid --request-timeout \"\(text)\": expected seconds, more than 0")
        }
        return value
    }

    /// The token, for redaction from every log line.
    func secrets(source: ConfigSource) -> [Secret] {
        source.string(token, "token").map { [Secret($0)] } ?? []
    }
}
