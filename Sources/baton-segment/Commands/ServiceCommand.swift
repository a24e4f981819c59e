import ArgumentParser
import BatonKit
import BatonServiceMode
import Foundation
import Logging
import SegmentConnector

/// Service mode (`--client-id`): stay connected to ConductorOne and do the tasks it hands out.
enum ServiceCommand {
    static func run(connector: SegmentConnector, configuration: BatonConfiguration, concurrency: Int, logger: Logger) async throws {
        var settings = try ServiceModeConfiguration(
            baton: configuration, environment: ProcessInfo.processInfo.environment,
            package: "baton-segment", version: BatonSegmentVersion.current)
        settings.syncOptions.maxConcurrentListings = concurrency
        logger.info(
            "starting in service mode",
            metadata: [
                "host_id": .string(settings.identity.hostId),
                "conductorone": .string("\(settings.endpoint.host):\(settings.endpoint.port)"),
                "provisioning": .stringConvertible(settings.provisioning), "task_concurrency": .stringConvertible(settings.taskConcurrency),
            ])
        try await ServiceMode(connector: connector, configuration: settings, logger: logger).run()
    }
}

/// `health-check`: asks a running service's health server, for exec probes without curl.
struct HealthCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health-check", abstract: "Probe a running service's health server; exit 0 when healthy.")

    @OptionGroup var baton: BatonOptions
    @OptionGroup var segment: SegmentOptions

    @Option(help: "Which endpoint: health, ready or live.")
    var endpoint: String = "health"

    @Option(help: "Seconds to wait for the answer.")
    var timeout: Int = 5

    func run() async throws {
        guard let chosen = HealthProbe.Endpoint(rawValue: endpoint) else {
            throw BatonError.invalidArgument("invalid --endpoint \"\(endpoint.prefix(100))\": expected health, ready or live")
        }
        guard (1...300).contains(timeout) else {
            throw BatonError.invalidArgument("invalid --timeout \(timeout): expected 1 to 300 seconds")
        }
        let configuration = try baton.resolve(try ConfigSource.load())
        let settings = HealthCheckSettings(
            bindAddress: configuration.service.healthCheckBindAddress, port: configuration.service.healthCheckPort)
        try await HealthProbe.check(chosen, settings: settings, timeout: .seconds(timeout))
        print("\(chosen.rawValue): ok")
    }
}
