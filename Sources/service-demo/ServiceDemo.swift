import ArgumentParser
import BatonProto
import BatonServiceProto
import BatonStore
import FakeConductorOne
import Foundation
import SegmentSimulator
import SwiftProtobuf

/// `make demo-service`: a simulated Segment workspace and a stand-in for ConductorOne on loopback
/// (TLS with a CA made on the spot), the real `baton-segment` in service mode between them, and a
/// short queue of tasks — hello, sync, grant, revoke — each printed with its outcome in words.
@main
struct ServiceDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service-demo", abstract: "Run baton-segment in service mode against a stand-in ConductorOne.")

    @Option(help: "The baton-segment executable to run.")
    var connector: String

    mutating func run() async throws {
        let workspace = WorkspaceGenerator.generate(seed: 7, size: .demo, plan: .business)
        let simulator = try await RunningSimulator.start(state: workspace, configuration: SimulatorConfiguration(token: "sim-token"))
        let conductorOne = try await FakeConductorOne.start()
        let folder = NSTemporaryDirectory() + "service-demo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/tmp", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try conductorOne.certificateAuthority.writeCACertificate(to: folder + "/ca.pem")

        say("Simulated Segment workspace \"\(workspace.workspace.name)\" at \(simulator.baseURL)")
        say("Stand-in ConductorOne at \(conductorOne.apiHost) (TLS, private CA trusted through SSL_CERT_FILE)")
        say("Starting baton-segment with BATON_CLIENT_ID, BATON_CLIENT_SECRET, BATON_TOKEN, BATON_PROVISIONING=true, BATON_C1_API_HOST\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: connector)
        process.environment = [
            "BATON_CLIENT_ID": conductorOne.clientId, "BATON_CLIENT_SECRET": conductorOne.clientSecret,
            "BATON_TOKEN": "sim-token", "BATON_PROVISIONING": "true", "BATON_C1_API_HOST": conductorOne.apiHost,
            "BATON_BASE_URL": simulator.baseURL, "BATON_C1Z_TEMP_DIR": folder + "/tmp", "SSL_CERT_FILE": folder + "/ca.pem",
            "BATON_LOG_LEVEL": "warn", "BATON_LOG_FORMAT": "console", "PATH": "/usr/bin:/bin",
        ]
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        try await DemoScript(conductorOne: conductorOne, simulator: simulator, workspace: workspace, folder: folder).run()

        kill(process.processIdentifier, SIGTERM)
        let started = Date()
        process.waitUntilExit()
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        say(
            "\nSIGTERM: baton-segment stopped cleanly in \(seconds) s (exit \(process.terminationStatus)); its temporary folder is "
                + ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/tmp"))?.isEmpty == true ? "empty." : "NOT empty."))
        try await conductorOne.shutdown()
        try await simulator.shutdown()
    }
}

/// One line on stdout, written at once (stdout to a pipe is otherwise buffered until exit).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
