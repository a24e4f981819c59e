import BatonProto
import Foundation
import Testing

@testable import BatonStore

/// A sync into an existing file adds its sync run and keeps the earlier ones, up to the keep count.
@Suite struct HistoryTests {
    static let objectTables = [C1ZSchema.resourceTypes, C1ZSchema.resources, C1ZSchema.entitlements, C1ZSchema.grants]

    /// Writes the sample sync `times` times into `path`, returning the sync ids in order.
    func writeSyncs(_ times: Int, into path: String, options: C1ZWriterOptions = C1ZWriterOptions()) async throws -> [String] {
        var ids: [String] = []
        for _ in 0..<times { ids.append(try await SampleSync.make().write(to: path, options: options)) }
        return ids
    }

    /// Every object table holds the whole sample for each of `syncs` and nothing of any other sync.
    func expectRows(_ reader: C1ZReader, exactly syncs: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let sample = SampleSync.make()
        let expected = [sample.types.count, sample.resources.count, sample.entitlements.count, sample.grants.count]
        for (table, count) in zip(Self.objectTables, expected) {
            let perSync = try C1ZEdit.rowsPerSync(reader, table)
            #expect(perSync == Dictionary(uniqueKeysWithValues: syncs.map { ($0, count) }), "\(table)", sourceLocation: sourceLocation)
        }
    }

    @Test func syncsAccumulateUpToTheKeepCountAndOlderOnesLoseEveryRow() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let ids = try await writeSyncs(4, into: path)
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        #expect(try reader.syncRuns().map(\.syncID) == Array(ids.suffix(SyncRetention.defaultKeepCount)))
        try expectRows(reader, exactly: Array(ids.suffix(2)))
        #expect(reader.syncID == ids.last)
        #expect(try dir.contents() == ["sync.c1z"])
    }

    @Test func aLargerKeepCountKeepsMore() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let ids = try await writeSyncs(4, into: path, options: C1ZWriterOptions(keepSyncCount: 3))
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        #expect(try reader.syncRuns().map(\.syncID) == Array(ids.suffix(3)))
        try expectRows(reader, exactly: Array(ids.suffix(3)))
    }

    @Test func skipCleanupKeepsEverySync() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let ids = try await writeSyncs(4, into: path, options: C1ZWriterOptions(keepSyncCount: 1, skipCleanup: true))
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        #expect(try reader.syncRuns().map(\.syncID) == ids)
        try expectRows(reader, exactly: ids)
    }

    @Test func removingSyncsCompactsTheImage() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        _ = try await writeSyncs(3, into: path)
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        #expect(try reader.rawRows("pragma freelist_count") == [["0"]])
    }

    @Test func theGoConnectorsFileGainsOurSyncAndKeepsItsOwn() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("go.c1z")
        try FileManager.default.copyItem(atPath: Fixture.c1zPath, toPath: path)
        let original = try C1ZReader(path: Fixture.c1zPath)
        defer { original.close() }
        let goRun = try #require(try original.syncRuns().first)
        let goRows = try Self.objectTables.map { try C1ZEdit.rowsPerSync(original, $0) }

        let ours = try await SampleSync.make().write(to: path)
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        let runs = try reader.syncRuns()
        #expect(runs.map(\.syncID) == [goRun.syncID, ours])
        // The Go sync's row is as it was (its resume token too), with the later columns' defaults.
        #expect(runs[0].startedAtText == goRun.startedAtText && runs[0].endedAtText == goRun.endedAtText)
        #expect(runs[0].syncToken == goRun.syncToken && runs[0].syncType == "full")
        let sample = SampleSync.make()
        let ourCounts = [sample.types.count, sample.resources.count, sample.entitlements.count, sample.grants.count]
        for (index, table) in Self.objectTables.enumerated() {
            var expected = goRows[index]
            expected[ours] = ourCounts[index]
            #expect(try C1ZEdit.rowsPerSync(reader, table) == expected, "\(table)")
        }
        // Readers now pick ours; the Go sync's objects are still there by id.
        #expect(reader.syncID == ours)
        let goOnly = try C1ZReader(path: path, options: C1ZReaderOptions(syncID: goRun.syncID))
        defer { goOnly.close() }
        #expect(FixtureTests.canonical(try goOnly.grants()) == FixtureTests.canonical(try original.grants()))
    }

    @Test func theLayoutIsWhatBatonDiffReads() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let ids = try await writeSyncs(2, into: path)
        var partialOptions = C1ZWriterOptions()
        partialOptions.syncType = "partial"
        let partial = try await SampleSync.make().write(to: path, options: partialOptions)
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        // `baton diff` takes the two newest finished full syncs by ended_at and reads each by sync id.
        #expect(try reader.finishedFullSyncs().map(\.syncID) == ids)
        let rows = try reader.rawRows(
            """
            select sync_id, sync_type, parent_sync_id, linked_sync_id, supports_diff, ended_at is not null, sync_token
            from v1_sync_runs order by id
            """)
        #expect(
            rows == [
                [ids[0], "full", "", "", "0", "1", ""],
                [ids[1], "full", "", "", "0", "1", ""],
                [partial, "partial", ids[1], "", "0", "1", ""],
            ])
        // The same objects appear once per sync, told apart only by sync_id.
        let grantIDs = try reader.rawRows("select external_id from v1_grants where sync_id = '\(ids[0])' order by external_id")
        #expect(grantIDs == (try reader.rawRows("select external_id from v1_grants where sync_id = '\(ids[1])' order by external_id")))
        #expect(try reader.rawRows("select count(*) from sqlite_master where name = 'idx_grants_external_sync_v1'") == [["1"]])
    }

    @Test func readersPickTheNewestFinishedFullSyncOverNewerPartialOrUnfinishedOnes() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let full = try await SampleSync.make().write(to: path)
        var partialOptions = C1ZWriterOptions()
        partialOptions.syncType = "partial"
        let partial = try await withC1ZWriter(path: path, options: partialOptions) { writer in
            try await writer.put(resourceTypes: [Sample.resourceType("user")])
            return writer.syncID
        }
        // An unfinished sync started after both (as an interrupted Go sync leaves one).
        try C1ZEdit.apply(
            path,
            """
            insert into v1_sync_runs (sync_id, started_at, ended_at, sync_token, sync_type)
            values ('2zzzzzzzzzzzzzzzzzzzzzzzzzz', '\(C1ZTimestamp.format(Date()))', null, '', 'full');
            """)
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        #expect(try reader.syncRuns().count == 3)
        #expect(reader.syncID == full)
        #expect(reader.lookupSyncID == full, "a lookup reads the full sync, not partial \(partial)")
        #expect(try reader.resources().count == SampleSync.make().resources.count)
        #expect(try reader.resource(id: Sample.rid("user", "u1")) != nil)
    }

    @Test func anExistingFileThatIsNotAC1ZIsLeftAloneWithOneLine() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let bytes = Data("these are somebody's notes, not a c1z\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = await #expect(throws: C1ZError.self) { _ = try await SampleSync.make().write(to: path) }
        guard case .unreadableDestination? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(!"\(error!)".contains("\n") && "\(error!)".contains(path))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(try dir.contents() == ["sync.c1z"])
    }

    @Test func anEmptyExistingFileIsANewFile() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let id = try await SampleSync.make().write(to: path)
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        #expect(try reader.syncRuns().map(\.syncID) == [id])
    }

    @Test func retentionFollowsTheSDKRule() {
        func run(_ id: String, _ type: String, started: String, ended: String?, linked: String = "") -> SyncRun {
            SyncRun(
                rowID: 0, syncID: id, startedAt: nil, endedAt: nil, startedAtText: started, endedAtText: ended,
                syncToken: "", syncType: type, parentSyncID: "", linkedSyncID: linked, supportsDiff: false)
        }
        let runs = [
            run("f1", "full", started: "2026-01-01 00:00:00", ended: "2026-01-01 00:10:00"),
            run("p1", "partial", started: "2026-01-01 00:20:00", ended: "2026-01-01 00:21:00"),
            run("f2", "full", started: "2026-01-02 00:00:00", ended: "2026-01-02 00:10:00"),
            run("u1", "full", started: "2026-01-02 12:00:00", ended: nil),
            run("r1", "resources_only", started: "2026-01-02 13:00:00", ended: "2026-01-02 13:01:00"),
            run("f3", "full", started: "2026-01-03 00:00:00", ended: "2026-01-03 00:10:00"),
        ]
        #expect(SyncRetention.syncsToRemove(from: runs, keepCount: 2) == ["f1", "p1"])
        #expect(SyncRetention.syncsToRemove(from: runs, keepCount: 1) == ["f1", "f2", "p1", "r1"])
        #expect(SyncRetention.syncsToRemove(from: runs, keepCount: 3).isEmpty)
        let diffs = [
            run("d1", "partial_upserts", started: "a", ended: "b", linked: "d2"),
            run("d2", "partial_deletions", started: "a", ended: "b", linked: "d1"),
            run("d3", "partial_upserts", started: "c", ended: "d", linked: "d4"),
            run("d4", "partial_deletions", started: "c", ended: "d", linked: "d3"),
        ]
        #expect(SyncRetention.syncsToRemove(from: diffs, keepCount: 2) == ["d1", "d2"])
    }
}
