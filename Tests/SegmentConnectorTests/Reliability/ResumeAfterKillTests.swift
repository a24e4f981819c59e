import BatonStore
import Foundation
import SegmentSimulator
import Testing

/// The `baton-segment` executable killed (SIGKILL) part-way through a sync of the large preset,
/// then run again on the same file: it resumes from its last checkpoint, the file matches the
/// simulator's snapshot exactly, no working copy is left, and the second run makes only the
/// requests the first did not get to (plus what was in flight since its last checkpoint).
///
/// Kill points are fractions of the requests a whole sync makes (from the snapshot); the test
/// waits for the simulator to have counted that many, then kills. `make resume-matrix` runs
/// random ones (`RESUME_KILL_POINTS=0.13,0.71,...`); `swift test` kills halfway, the done-when point.
@Suite("Resume after SIGKILL", .serialized)
struct ResumeAfterKillTests {
    static var killPoints: [Double] {
        guard let text = ProcessInfo.processInfo.environment["RESUME_KILL_POINTS"] else { return [0.5] }
        return text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }

    @Test(
        "a sync killed part-way resumes and ends with exactly the snapshot's rows, with fewer requests than starting over",
        arguments: killPoints)
    func killedAndResumed(_ fraction: Double) async throws {
        try await SyncFixture.run(size: .large, seed: 5) { fixture in
            let wholeSync = ExpectedRequests.perSync(fixture.snapshot, pageSize: 200, listIncludesPermissions: false).values.reduce(0, +)
            let file = fixture.path("sync.c1z")
            let arguments = ["--token", SyncFixture.token, "--base-url", fixture.simulator.baseURL, "-f", file, "--log-format", "json"]

            let killed = try BatonSegmentProcess(arguments: arguments, directory: fixture.directory.path)
            await fixture.simulator.waitForRequests(atLeast: Int(Double(wholeSync) * fraction))
            killed.send(SIGKILL)
            #expect(await killed.exitCode() == SIGKILL, "\(killed.stderr)")
            let killedRequests = await fixture.simulator.stats().total
            #expect(try fixture.directoryListing().contains("sync.c1z.working"), "the working copy survives the kill")
            #expect(!FileManager.default.fileExists(atPath: file))

            let resumed = try await BatonSegmentProcess.run(arguments, directory: fixture.directory.path)
            let resumedRequests = await fixture.simulator.stats().total - killedRequests
            #expect(resumed.status == 0, "\(resumed.stderr.suffix(2000))")
            #expect(
                resumed.stderr.components(separatedBy: "resuming an unfinished sync").count == 2,
                "one resume line: \(resumed.stderr.prefix(3000))")
            expectMatches(try SyncedFile(path: file), fixture.expected)
            #expect(try fixture.directoryListing() == ["sync.c1z"], "a finished sync leaves no working copy")

            print(
                "resume after SIGKILL at \(Int(fraction * 100))%: whole sync \(wholeSync) requests; killed run \(killedRequests), resumed run \(resumedRequests), together \(killedRequests + resumedRequests)"
            )
            // What the killed run did is not done again, but for the pages since its last checkpoint.
            #expect(
                resumedRequests <= wholeSync - killedRequests + wholeSync / 6,
                "resumed run made \(resumedRequests) requests; a whole sync makes \(wholeSync), the killed run made \(killedRequests)")
        }
    }
}
