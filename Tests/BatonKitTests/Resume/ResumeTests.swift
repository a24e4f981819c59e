import BatonKit
import BatonStore
import Foundation
import Testing

/// Resuming an unfinished sync in-process: a store that "crashes" after a given number of
/// writes (as a killed process leaves the working copy), then a new sync of the same file.
@Suite("Resuming an unfinished sync")
struct ResumeTests {
    static let identity = "fake-connector 1.0"

    static func options(_ change: (inout SyncOptions) -> Void = { _ in }) -> SyncOptions {
        var options = SyncOptions()
        options.connectorIdentity = identity
        options.maxConcurrentListings = 3
        options.resume.checkpointInterval = .zero  // a checkpoint after every page: every write is a crash point
        change(&options)
        return options
    }

    /// A folder with `ref.c1z` synced without interruption; returns it, the reference's contents,
    /// the calls it made and how many writes it took.
    static func reference(options: SyncOptions = options()) async throws -> (
        folder: String, contents: FileContents, calls: Int, writes: Int
    ) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let calls = CallLog()
        let store = CrashingStore(path: folder + "/ref.c1z", crashAfterWrites: .max)
        _ = try await SyncEngine(connector: ResumeWorkspace.connector(calls: calls), store: store, options: options, logger: Fixture.logger)
            .run()
        return (folder, try FileContents(path: folder + "/ref.c1z"), await calls.entries.count, store.writes)
    }

    /// Crashes a sync of `file` after `writes` writes; false when the sync took fewer writes
    /// (how many checkpoints a run writes depends on how its listings interleave).
    @discardableResult
    static func crash(_ file: String, after writes: Int, options: SyncOptions = options()) async throws -> Bool {
        let store = CrashingStore(path: file, crashAfterWrites: writes)
        do {
            _ = try await SyncEngine(
                connector: ResumeWorkspace.connector(calls: CallLog()), store: store, options: options, logger: Fixture.logger
            ).run()
            return false
        } catch is CrashingStore.Crash {
            return true
        }
    }

    /// Syncs `file` again; returns the calls the connector got and the log.
    static func resume(_ file: String, options: SyncOptions = options()) async throws -> (calls: [String], log: MessageLog) {
        let calls = CallLog(), log = MessageLog()
        _ = try await SyncEngine(
            connector: ResumeWorkspace.connector(calls: calls),
            store: C1ZSyncStore(path: file, options: C1ZWriterOptions(logger: log.logger)),
            options: options, logger: log.logger
        ).run()
        return (await calls.entries, log)
    }

    @Test("a sync crashed after any of its writes resumes and ends with exactly the rows of an uninterrupted sync")
    func everyCrashPoint() async throws {
        // One listing at a time: every run makes the same writes in the same order, so each
        // crash point is a distinct place in the sync, expansion's writes included.
        let serial = Self.options { $0.maxConcurrentListings = 1 }
        let reference = try await Self.reference(options: serial)
        defer { try? FileManager.default.removeItem(atPath: reference.folder) }
        #expect(reference.contents.grants.values.contains { !$0.sources.sources.isEmpty }, "the workspace exercises expansion")
        var resumedCalls: [Int] = []
        for point in 1..<reference.writes {
            let folder = reference.folder + "/crash-\(point)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let file = folder + "/sync.c1z"
            #expect(try await Self.crash(file, after: point, options: serial), "no crash at write \(point) of \(reference.writes)")
            #expect(!FileManager.default.fileExists(atPath: file), "a crashed sync wrote the destination")
            let (calls, log) = try await Self.resume(file, options: serial)
            #expect(try FileContents(path: file) == reference.contents, "crash after write \(point) of \(reference.writes)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["sync.c1z"], "left behind after write \(point)")
            #expect(
                calls.count <= reference.calls, "crash after write \(point): \(calls.count) calls, a whole sync makes \(reference.calls)")
            let resumed = log.all.filter { $0.hasPrefix("resuming an unfinished sync") }
            // The first checkpoint is written before any listing: from then on every crash resumes.
            if point > 2 { #expect(resumed.count == 1, "crash after write \(point): \(log.all)") }
            resumedCalls.append(calls.count)
        }
        // The later the crash, the less is listed again; a crash in expansion lists nothing.
        let half = resumedCalls.count / 2
        #expect(resumedCalls.suffix(half).reduce(0, +) < resumedCalls.prefix(half).reduce(0, +), "\(resumedCalls) of \(reference.calls)")
        #expect(resumedCalls.last == 0, "\(resumedCalls)")
    }

    @Test(
        "an unfinished sync is discarded, and that is logged, with --no-resume, from another version, with other options, or when too old",
        arguments: ["no-resume", "other-version", "other-options", "too-old"])
    func discarded(_ reason: String) async throws {
        let reference = try await Self.reference()
        defer { try? FileManager.default.removeItem(atPath: reference.folder) }
        let file = reference.folder + "/sync.c1z"
        #expect(try await Self.crash(file, after: reference.writes / 2))
        let options = Self.options { options in
            switch reason {
            case "no-resume": options.resume.enabled = false
            case "other-version": options.connectorIdentity = "fake-connector 2.0"
            case "other-options": options.skipGrants = true
            default: options.resume.maxAge = .milliseconds(1)
            }
        }
        let (calls, log) = try await Self.resume(file, options: options)
        let discarded = log.all.filter { $0.hasPrefix("discarded the working copy of an unfinished sync") }
        #expect(discarded.count == 1, "\(log.all)")
        let expectedReason = [
            "no-resume": "--no-resume", "other-version": "another connector version",
            "other-options": "other sync options", "too-old": "--resume-max-age",
        ][reason]!
        #expect(discarded.first?.contains(expectedReason) == true, "\(discarded)")
        #expect(!log.all.contains { $0.hasPrefix("resuming") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: reference.folder).sorted() == ["ref.c1z", "sync.c1z"])
        if reason == "other-options" {
            #expect(try FileContents(path: file).grants.isEmpty)
        } else {
            #expect(calls.count == reference.calls, "started over: every listing again")
            #expect(try FileContents(path: file) == reference.contents)
        }
    }

    @Test("checkpoints are JSON in sync_token naming the phase and finished listings, and a finished file keeps none")
    func checkpointsAreWrittenPerPageAndPhase() async throws {
        let store = InMemorySyncStore()
        _ = try await SyncEngine(
            connector: ResumeWorkspace.connector(calls: CallLog()), store: store, options: Self.options(), logger: Fixture.logger
        ).run()
        let phases = await store.checkpoints.compactMap { text -> String? in
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            return object?["phase"] as? String
        }
        #expect(phases.first == "resources" && phases.last == "expansion", "\(phases)")
        #expect(Set(phases) == ["resources", "entitlements", "grants", "expansion"])
        let last = try #require(await store.lastCheckpoint)
        #expect(last.contains("\"connector\":\"\(Self.identity)\"") && last.contains("user@workspace:ws"), "\(last)")

        // The file a finished sync writes has an empty token on its (finished) run.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try await SyncEngine(
            connector: ResumeWorkspace.connector(calls: CallLog()), store: C1ZSyncStore(path: folder + "/sync.c1z"),
            options: Self.options(), logger: Fixture.logger
        ).run()
        let reader = try C1ZReader(path: folder + "/sync.c1z")
        defer { reader.close() }
        let runs = try reader.syncRuns()
        #expect(runs.count == 1 && runs.allSatisfy { $0.syncToken.isEmpty && $0.endedAt != nil }, "\(runs)")
    }
}
