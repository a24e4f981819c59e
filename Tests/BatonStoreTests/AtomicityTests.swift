import BatonProto
import Foundation
import Testing

@testable import BatonStore

/// A failed or cancelled write leaves the previous file byte-identical and no temp files.
@Suite struct AtomicityTests {
    struct Boom: Error {}

    /// A destination directory holding a previous c1z, plus a separate scratch temp dir.
    func setUp() async throws -> (dir: TempDir, path: String, scratch: String, previous: Data) {
        let dir = try TempDir()
        let path = dir.file("sync.c1z")
        _ = try await SampleSync.make().write(to: path)
        let scratch = try dir.subdirectory("scratch")
        return (dir, path, scratch, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func expectUntouched(_ setup: (dir: TempDir, path: String, scratch: String, previous: Data)) throws {
        #expect(try Data(contentsOf: URL(fileURLWithPath: setup.path)) == setup.previous)
        #expect(try setup.dir.contents() == ["scratch", "sync.c1z"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.scratch).isEmpty)
    }

    @Test func throwingMidSyncLeavesPreviousFile() async throws {
        let setup = try await setUp()
        defer { setup.dir.cleanup() }
        let sample = SampleSync.make()
        await #expect(throws: Boom.self) {
            try await withC1ZWriter(path: setup.path, options: C1ZWriterOptions(tempDirectory: setup.scratch, rowsPerTransaction: 1)) {
                writer in
                try await writer.put(resourceTypes: sample.types)
                try await writer.put(resources: sample.resources)
                #expect(try FileManager.default.contentsOfDirectory(atPath: setup.scratch).count == 1, "scratch db in use")
                throw Boom()
            }
        }
        try expectUntouched(setup)
    }

    @Test func throwingMidSyncLeavesAFileWithHistoryByteIdentical() async throws {
        let setup = try await setUp()
        defer { setup.dir.cleanup() }
        _ = try await SampleSync.make().write(to: setup.path)
        let previous = try Data(contentsOf: URL(fileURLWithPath: setup.path))
        #expect(try C1ZReader(path: setup.path).syncRuns().count == 2)
        await #expect(throws: Boom.self) {
            try await withC1ZWriter(path: setup.path, options: C1ZWriterOptions(tempDirectory: setup.scratch, keepSyncCount: 1)) { writer in
                try await writer.put(resourceTypes: SampleSync.make().types)
                throw Boom()
            }
        }
        try expectUntouched((setup.dir, setup.path, setup.scratch, previous))
    }

    @Test func explicitAbortAndDroppedWriterLeaveNothing() async throws {
        let setup = try await setUp()
        defer { setup.dir.cleanup() }
        let writer = try C1ZWriter(path: setup.path, options: C1ZWriterOptions(tempDirectory: setup.scratch))
        try await writer.put(resourceTypes: SampleSync.make().types)
        await writer.abort()
        await writer.abort()
        await #expect(throws: C1ZError.writerClosed) { try await writer.finish() }
        try expectUntouched(setup)

        do {
            let dropped = try C1ZWriter(path: setup.path, options: C1ZWriterOptions(tempDirectory: setup.scratch))
            try await dropped.put(resourceTypes: SampleSync.make().types)
        }
        try expectUntouched(setup)
    }

    @Test func cancelledSyncLeavesPreviousFile() async throws {
        let setup = try await setUp()
        defer { setup.dir.cleanup() }
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        let task = Task {
            try await withC1ZWriter(path: setup.path, options: C1ZWriterOptions(tempDirectory: setup.scratch)) { writer in
                try await writer.put(resourceTypes: SampleSync.make().types)
                continuation.yield()
                // Wait until cancelled (no sleeping: the stream ends on cancellation).
                for await _ in AsyncStream<Void> { _ in } {}
            }
        }
        for await _ in stream { break }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        try expectUntouched(setup)
    }

    @Test func failedFinishLeavesNoTemporaryFiles() async throws {
        let setup = try await setUp()
        defer { setup.dir.cleanup() }
        // The destination's directory does not exist: compression output cannot be created.
        let missing = setup.dir.file("missing/sync.c1z")
        await #expect(throws: C1ZError.self) {
            try await withC1ZWriter(path: missing, options: C1ZWriterOptions(tempDirectory: setup.scratch)) { writer in
                try await writer.put(resourceTypes: SampleSync.make().types)
            }
        }
        try expectUntouched(setup)
    }

    @Test func successfulRewriteReplacesFileWithoutLeftovers() async throws {
        let setup = try await setUp()
        defer { setup.dir.cleanup() }
        let first = try C1ZReader(path: setup.path).syncID
        let second = try await SampleSync.make().write(to: setup.path, options: C1ZWriterOptions(tempDirectory: setup.scratch))
        #expect(first != second)
        #expect(try setup.dir.contents() == ["scratch", "sync.c1z"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.scratch).isEmpty)
        let reader = try C1ZReader(path: setup.path)
        defer { reader.close() }
        // The rewrite adds its sync and keeps the earlier one (history; see HistoryTests).
        #expect(try reader.syncRuns().map(\.syncID) == [first, second])
        #expect(reader.syncID == second)
    }

    @Test func missingTempDirectoryIsAClearError() throws {
        #expect(throws: C1ZError.self) {
            _ = try C1ZWriter(path: "/tmp/x.c1z", options: C1ZWriterOptions(tempDirectory: "/nonexistent/dir"))
        }
    }
}
