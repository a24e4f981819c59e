import BatonStore
import Foundation
import HostileSegment
import SegmentSimulator
import Testing

/// The `baton-segment` executable as a user runs it: bad input is one line with exit 3 and no
/// request; a second sync into a locked file names the holder; a signal mid-sync leaves nothing.
@Suite("Command line reliability", .serialized)
struct CommandLineReliabilityTests {
    @Test(
        "a token with a control character or whitespace exits 3 with one line, sending nothing",
        arguments: ["tok\u{01}en-SECRET-5", "tok en-SECRET-5", "token-SECRET-5\t"])
    func malformedTokenExitsThree(_ token: String) async throws {
        try await HostileSegment.run(modes: [.respond(path: "*", status: 200, body: "{}")]) { hostile in
            let dir = try ScratchFolder()
            defer { dir.remove() }
            let result = try await BatonSegmentProcess.run(
                ["--base-url", hostile.baseURL, "-f", "sync.c1z", "--log-format", "console"],
                environment: ["BATON_TOKEN": token], directory: dir.path)
            #expect(result.status == 3, "exit \(result.status): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(result.stderr)")
            #expect(!result.stderr.contains("SECRET"), "\(result.stderr)")
            #expect(await hostile.requests().isEmpty)
        }
    }

    @Test("--concurrency -1 is out of range, not a missing value")
    func negativeConcurrency() async throws {
        let dir = try ScratchFolder()
        defer { dir.remove() }
        let result = try await BatonSegmentProcess.run(["--token", "t0k3n", "--concurrency", "-1"], directory: dir.path)
        #expect(result.status == 3)
        #expect(result.stderr.contains("invalid --concurrency -1"), "\(result.stderr)")
    }

    @Test("a sync into a file another sync holds fails at once naming the holder's pid; --wait-for-lock waits")
    func lockedDestination() async throws {
        try await SyncFixture.run(size: .demo) { fixture in
            let file = fixture.path("sync.c1z")
            try await fixture.sync(into: file)
            let before = try Data(contentsOf: URL(fileURLWithPath: file))
            let arguments = ["--token", SyncFixture.token, "--base-url", fixture.simulator.baseURL, "-f", file, "--log-format", "console"]

            let requestsBefore = await fixture.simulator.stats().total
            let holder = try DestinationLock.acquire(for: file, blocking: false)
            let refused = try await BatonSegmentProcess.run(arguments, directory: fixture.directory.path)
            #expect(refused.status == 10, "exit \(refused.status): \(refused.stderr)")
            #expect(refused.stderr.contains("pid \(getpid())") && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
            #expect(await fixture.simulator.stats().total == requestsBefore, "requests were sent before the lock was checked")

            let waiting = try BatonSegmentProcess(arguments: arguments + ["--wait-for-lock"], directory: fixture.directory.path)
            #expect(await waiting.waitForStderr(containing: "waiting for another sync"))
            holder.release()
            #expect(await waiting.exitCode() == 0, "\(waiting.stderr)")
            expectMatches(try SyncedFile(path: file), fixture.expected)
            #expect(try fixture.directoryListing() == ["sync.c1z"])
        }
    }

    @Test(
        "SIGINT or SIGTERM mid-sync exits 130 or 143, leaves no temporary file, keeps the working copy, and the next sync resumes it",
        arguments: [SIGINT, SIGTERM])
    func signalMidSync(_ signal: Int32) async throws {
        var configuration = SimulatorConfiguration(token: SyncFixture.token)
        configuration.latencyMs = 60  // the rest of the sync takes about a second, so the signal lands mid-run
        let state = WorkspaceGenerator.generate(seed: 3, size: .small, plan: .business)
        let simulator = try await RunningSimulator.start(state: state, configuration: configuration)
        let dir = try ScratchFolder()
        defer { dir.remove() }
        let scratch = dir.path + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        // A previous good c1z (an empty sync); it must come out byte-identical.
        try await withC1ZWriter(path: dir.path + "/sync.c1z") { _ in }
        let previous = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/sync.c1z"))

        let child = try BatonSegmentProcess(
            arguments: [
                "--token", SyncFixture.token, "--base-url", simulator.baseURL, "-f", "sync.c1z",
                "--c1z-temp-dir", scratch, "--log-format", "json",
            ],
            directory: dir.path)
        // After the resources step: its checkpoint is committed, so there is progress to keep.
        #expect(await child.waitForStderr(containing: "\"msg\":\"synced resources\""), "\(child.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).count == 1, "the scratch folder exists mid-sync")
        child.send(signal)
        let status = await child.exitCode()
        try await simulator.shutdown()
        // The same workspace, served again for the sync that resumes.
        let restarted = try await RunningSimulator.start(state: state, configuration: SimulatorConfiguration(token: SyncFixture.token))

        #expect(status == 128 + signal, "exit \(status): \(child.stderr)")
        #expect(child.stderr.contains(signal == SIGINT ? "interrupted by SIGINT" : "interrupted by SIGTERM"))
        #expect(child.stderr.contains("its progress is kept and the next sync of sync.c1z resumes it"), "\(child.stderr)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: scratch)
        #expect(kept.count == 1 && kept.allSatisfy { $0.hasPrefix("c1z-working-") }, "only the working copy stays: \(kept)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["scratch", "sync.c1z"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/sync.c1z")) == previous)

        // The next sync of the file carries the interrupted one on and leaves nothing behind.
        let expected = ExpectedWorkspace(await restarted.snapshot(), plan: .business)
        let rerun = try BatonSegmentProcess(
            arguments: [
                "--token", SyncFixture.token, "--base-url", restarted.baseURL, "-f", "sync.c1z",
                "--c1z-temp-dir", scratch, "--log-format", "json",
            ],
            directory: dir.path)
        #expect(await rerun.exitCode() == 0, "\(rerun.stderr)")
        try await restarted.shutdown()
        #expect(rerun.stderr.contains("resuming an unfinished sync"), "\(rerun.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty, "scratch left behind")
        expectMatches(try SyncedFile(path: dir.path + "/sync.c1z"), expected)
    }
}

/// A temporary folder for one test.
struct ScratchFolder {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
