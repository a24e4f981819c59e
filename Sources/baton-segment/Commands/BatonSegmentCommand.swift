import ArgumentParser
import BatonKit
import BatonServiceMode
import Foundation
import SegmentAPI
import SegmentConnector

/// `baton-segment`: with no action flag, a full sync of the workspace into `--file`; the
/// one-shot provisioning flags grant, revoke, invite or delete instead, and `--event-feed`
/// prints the audit trail's events, in the Baton CLI's dispatch order.
struct BatonSegmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton-segment",
        abstract: "Baton connector for Twilio Segment: sync a workspace into a c1z file and provision access.",
        version: BatonSegmentVersion.current,
        subcommands: [CapabilitiesCommand.self, HealthCheckCommand.self, ChangesCommand.self])

    @OptionGroup var baton: BatonOptions
    @OptionGroup var segment: SegmentOptions

    @Flag(help: "Print a human-readable summary to stdout after a sync.")
    var summary = false

    func run() async throws {
        let source = try ConfigSource.load()
        let configuration = try baton.resolve(source)
        let (logger, _) = try BatonLogging.makeLogger(
            label: "baton-segment", configuration: configuration,
            secrets: segment.secrets(source: source))
        let (client, concurrency) = try segment.makeClient(source: source, logger: logger)
        let started = ContinuousClock.now
        do {
            let connector = SegmentConnector(client: client, concurrency: concurrency)
            if case .service = configuration.action {
                try await ServiceCommand.run(connector: connector, configuration: configuration, concurrency: concurrency, logger: logger)
                try await client.shutdown()
                return
            }
            var runner = BatonRunner(connector: connector, configuration: configuration, logger: logger)
            runner.syncOptions.maxConcurrentListings = concurrency
            runner.syncOptions.connectorIdentity = "baton-segment \(BatonSegmentVersion.current)"
            let outcome = try await runner.run()
            let elapsed = ContinuousClock.now - started
            let requests = await client.requestCounts
            // The feed's events go to stdout only; the log says how many.
            let logLine: String
            if case .events(let output) = outcome { logLine = "event feed: \(output.events.count) events" } else { logLine = outcome.line }
            logger.info("\(logLine)", metadata: ["api_requests": .stringConvertible(requests.values.reduce(0, +))])
            if summary, case .synced(let sync, let file) = outcome {
                print(SyncReport(summary: sync, file: file, requests: requests, elapsed: elapsed).text)
            } else if !summary, case .synced = outcome {
                // Logs carry the outcome; stdout stays quiet, as the Go connectors keep it.
            } else {
                print(outcome.line)
            }
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}

/// `capabilities`: what each resource type supports, as ConnectorCapabilities protojson.
struct CapabilitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capabilities", abstract: "Print the connector's capabilities as JSON.")

    @OptionGroup var baton: BatonOptions
    @OptionGroup var segment: SegmentOptions

    func run() async throws {
        let source = try ConfigSource.load()
        let configuration = try baton.resolve(source)
        let (logger, _) = try BatonLogging.makeLogger(
            label: "baton-segment", configuration: configuration,
            secrets: segment.secrets(source: source))
        // Capabilities need no API call, so no token is required.
        let (client, concurrency) = try segment.makeClient(source: source, logger: logger, tokenRequired: false)
        let json = try Capabilities.json(SegmentConnector(client: client, concurrency: concurrency))
        try await client.shutdown()
        FileHandle.standardOutput.write(Data(json.utf8))
    }
}

enum BatonSegmentVersion {
    static let current = "0.1.0"
}
