import BatonStore
import FakeConductorOne
import Foundation
import Logging

/// Scenario D: a full sync through service mode. `baton-segment` runs in service mode (a child
/// process) against the fake ConductorOne over TLS with a private CA; the bench hands out one
/// `sync_full` task and times it from the GetTask that handed it out to its FinishTask. In the
/// same run, the one-shot sync of the same workspace (another child) gives the bound, and a
/// second service-mode child takes a `sync_full` with `skip_expand_grants`. Every part runs in
/// a fresh process, so no peak is inherited.
struct ServiceScenario {
    let scenario: Scenario
    let simulatorExecutable: String
    let logger: Logger

    struct ServiceRun {
        let seconds: Double
        let peakRSSMegabytes: Double
        let upload: Upload
        let grants: Int
        let resources: Int
        let entitlements: Int
    }

    func run() async throws -> String {
        let work = try ScenarioRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let simulator = try SimulatorProcess(executable: simulatorExecutable, arguments: scenario.simulatorArguments)
        defer { simulator.stop() }
        let connector = BenchCommand.besideMe("baton-segment")

        // The one-shot sync of the same workspace.
        let summaryFile = (work as NSString).appendingPathComponent("summary.txt")
        let oneShot = try ChildProcess.run(
            connector,
            [
                "--token", "sim-token", "--base-url", simulator.baseURL,
                "-f", (work as NSString).appendingPathComponent("one-shot.c1z"),
                "--c1z-temp-dir", work, "--log-level", "warn", "--summary",
            ],
            stdoutPath: summaryFile, what: "the one-shot sync")
        let summary = try String(contentsOfFile: summaryFile, encoding: .utf8)
        guard let inherited = Self.number(before: " inherited through groups", in: summary) else {
            throw BenchError("the one-shot summary does not say how many grants were inherited")
        }

        let conductorOne = try await FakeConductorOne.start()
        let caFile = (work as NSString).appendingPathComponent("ca.pem")
        try conductorOne.certificateAuthority.writeCACertificate(to: caFile)
        let full: ServiceRun
        let skipped: ServiceRun
        do {
            full = try await serviceSync(conductorOne, simulator: simulator, caFile: caFile, work: work, skipExpand: false)
            skipped = try await serviceSync(conductorOne, simulator: simulator, caFile: caFile, work: work, skipExpand: true)
        } catch {
            try? await conductorOne.shutdown()
            throw error
        }
        try await conductorOne.shutdown()

        let uploadSeconds = full.upload.endedAt.timeIntervalSince(full.upload.startedAt)
        let bound = oneShot.wallSeconds + uploadSeconds
        let targets = [
            Target(name: "wall_within_1.1x_bound", value: full.seconds, limit: 1.1 * bound),
            Target(name: "peak_rss_within_1.1x_one_shot", value: full.peakRSSMegabytes, limit: 1.1 * oneShot.peakRSSMegabytes),
            // Exactly the inherited grants fewer, and nothing else different: |difference| must be 0.
            Target(
                name: "skip_expand_smaller_by_inherited_grants",
                value: Double(
                    abs(full.grants - skipped.grants - inherited)
                        + abs(full.resources - skipped.resources) + abs(full.entitlements - skipped.entitlements)),
                limit: 0),
        ]
        return JSONLine.object([
            ("scenario", .string("D")),
            ("wall_s", .seconds(full.seconds)),
            ("bound_s", .seconds(bound)),
            ("one_shot_s", .seconds(oneShot.wallSeconds)),
            ("upload_s", .seconds(uploadSeconds)),
            ("upload_bytes", .int(full.upload.bytes.count)),
            ("upload_chunks", .int(full.upload.chunkCount)),
            ("peak_rss_mb", .number(full.peakRSSMegabytes, decimals: 1)),
            ("one_shot_peak_rss_mb", .number(oneShot.peakRSSMegabytes, decimals: 1)),
            ("bench_peak_at_spawn_mb", .number(oneShot.parentPeakAtSpawnMegabytes, decimals: 1)),
            ("grants", .int(full.grants)),
            ("inherited_grants", .int(inherited)),
            (
                "skip_expand",
                .object([
                    ("wall_s", .seconds(skipped.seconds)), ("upload_bytes", .int(skipped.upload.bytes.count)),
                    ("upload_chunks", .int(skipped.upload.chunkCount)), ("grants", .int(skipped.grants)),
                    ("peak_rss_mb", .number(skipped.peakRSSMegabytes, decimals: 1)),
                ])
            ),
            ("latency_ms", .int(scenario.latencyMs)),
            ("users", .int(scenario.size.users)),
            ("targets", Target.line(targets)),
        ]).text
    }

    /// One service-mode child: Hello, one `sync_full`, its upload and FinishTask, then SIGTERM.
    private func serviceSync(
        _ conductorOne: FakeConductorOne, simulator: SimulatorProcess, caFile: String, work: String,
        skipExpand: Bool
    ) async throws -> ServiceRun {
        let temp = (work as NSString).appendingPathComponent(skipExpand ? "service-skip" : "service-full")
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        let helloCount = conductorOne.helloCount
        let child = try ChildProcess(
            executable: BenchCommand.besideMe("baton-segment"), arguments: [],
            environment: [
                "BATON_CLIENT_ID": conductorOne.clientId, "BATON_CLIENT_SECRET": conductorOne.clientSecret,
                "BATON_TOKEN": "sim-token", "BATON_C1_API_HOST": conductorOne.apiHost, "BATON_BASE_URL": simulator.baseURL,
                "BATON_C1Z_TEMP_DIR": temp, "SSL_CERT_FILE": caFile, "BATON_LOG_LEVEL": "warn",
                "BATON_LOG_FORMAT": "console", "PATH": "/usr/bin:/bin",
            ])
        defer { child.stop() }
        _ = try await conductorOne.waitForHello(count: helloCount + 1, timeout: .seconds(60))
        let enqueued = Date()
        let task = conductorOne.enqueueSyncFull { $0.skipExpandGrants = skipExpand }
        let finish = try await conductorOne.waitForFinish(taskId: task, timeout: .seconds(1800))
        let peak = child.currentPeakMegabytes
        guard case .success? = finish.finalState else { throw BenchError("the service-mode sync failed: \(finish.status.message)") }
        guard let upload = conductorOne.upload(taskId: task) else { throw BenchError("the service-mode sync uploaded nothing") }
        let calls = conductorOne.calls()
        guard let handedOut = calls.first(where: { $0.rpc == "GetTask" && $0.wasAnswered && $0.time >= enqueued })?.time,
            let finished = calls.last(where: { $0.rpc == "FinishTask" && $0.taskId == task })?.time
        else {
            throw BenchError("the fake ConductorOne did not record the task's GetTask and FinishTask")
        }
        let outcome = child.stop()
        guard outcome.succeeded else { throw BenchError("service mode exited \(outcome.status) on SIGTERM") }

        let file = (work as NSString).appendingPathComponent("uploaded.c1z")
        try upload.bytes.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let reader = try C1ZReader(path: file, options: C1ZReaderOptions(tempDirectory: work))
        defer { reader.close() }
        func count(_ table: String) throws -> Int {
            let cell: String? = try reader.rawRows("select count(*) from \(table)").first?.first ?? nil
            return cell.flatMap { Int($0) } ?? 0
        }
        return ServiceRun(
            seconds: finished.timeIntervalSince(handedOut), peakRSSMegabytes: peak, upload: upload,
            grants: try count("v1_grants"), resources: try count("v1_resources"),
            entitlements: try count("v1_entitlements"))
    }

    /// The integer right before `suffix` in `text`.
    static func number(before suffix: String, in text: String) -> Int? {
        guard let range = text.range(of: suffix) else { return nil }
        let digits = text[..<range.lowerBound].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }
}
