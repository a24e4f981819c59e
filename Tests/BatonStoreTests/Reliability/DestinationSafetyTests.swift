import Foundation
import Testing

@testable import BatonStore

#if canImport(Glibc)
    import Glibc
#endif

/// The destination of a c1z: one writer at a time, checked before any work, never replaced by a
/// file that does not read back, and replaced with its mode and owner kept.
@Suite("Destination safety")
struct DestinationSafetyTests {
    @Test("a second writer for the same file fails at once, naming the holder's pid")
    func secondWriterIsRefused() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let first = try C1ZWriter(path: path, options: C1ZWriterOptions(tempDirectory: dir.path))
        let error = #expect(throws: C1ZError.self) { _ = try C1ZWriter(path: path, options: C1ZWriterOptions(tempDirectory: dir.path)) }
        guard case .locked(_, let holder)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(holder == getpid())
        #expect("\(error!)".contains("pid \(getpid())") && "\(error!)".contains("--wait-for-lock"))
        await first.abort()
        // Released: the next writer gets it, and nothing of the first is left.
        _ = try await SampleSync.make().write(to: path)
        #expect(try dir.contents() == ["sync.c1z"])
    }

    @Test("two writers started together never leave a file that does not decode")
    func concurrentWritersLeaveADecodableFile() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask { (try? await SampleSync.make().write(to: path)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.contains(true))
        let reader = try C1ZReader(path: path)  // decodes, with a finished sync
        #expect(try !reader.resources().isEmpty)
        reader.close()
        #expect(try dir.contents() == ["sync.c1z"])
    }

    @Test("a waiting writer gets the lock when the holder finishes")
    func waitingWriterProceeds() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let holder = try C1ZWriter(path: path)
        let waiting = Task { try await DestinationLock.acquire(for: path, wait: true) }
        try await SampleSync.make().fill(holder)
        try await holder.finish()
        let lock = try await waiting.value
        #expect(lock.destination == path)
        lock.release()
        #expect(try dir.contents() == ["sync.c1z"])
    }

    @Test("the temporary file has a unique name beside the destination and is created when the writer starts")
    func temporaryFileIsUniqueAndEarly() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try C1ZWriter(path: dir.file("sync.c1z"), options: C1ZWriterOptions(tempDirectory: dir.path))
        let names = try dir.contents()
        #expect(!names.contains("sync.c1z.tmp"))
        #expect(names.contains { $0.hasPrefix("sync.c1z.tmp-\(getpid())-") }, "\(names)")
        #expect(names.contains("sync.c1z.lock"))
        await writer.abort()
        #expect(try dir.contents().isEmpty)
    }

    @Test("a missing folder, a directory or a folder that refuses files fails when the writer starts")
    func unusableDestinationsFailFirst() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let directory = try dir.subdirectory("a-directory")
        for path in [dir.file("missing/sync.c1z"), directory, "/proc/sync.c1z"] {
            let error = #expect(throws: C1ZError.self) { _ = try C1ZWriter(path: path, options: C1ZWriterOptions(tempDirectory: dir.path)) }
            guard case .destinationUnusable? = error else { Issue.record("\(path): \(String(describing: error))"); continue }
        }
        #expect(try dir.contents() == ["a-directory"], "no scratch folder or lock left behind")
    }

    @Test("replacing a 0600 file keeps 0600; a new file follows the umask")
    func modeIsKept() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        _ = try await SampleSync.make().write(to: path)
        let mask = umask(0); umask(mask)
        #expect(try mode(path) == 0o666 & ~mask)
        chmod(path, 0o600)
        _ = try await SampleSync.make().write(to: path)
        #expect(try mode(path) == 0o600)
        chmod(path, 0o640)
        _ = try await SampleSync.make().write(to: path)
        #expect(try mode(path) == 0o640)
    }

    @Test("the frame renamed into place is read back first: a corrupted temporary file is never renamed")
    func verificationCatchesACorruptFrame() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let image = dir.file("image.db")
        try Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: image))
        let good = dir.file("good.c1z"), bad = dir.file("bad.c1z")
        for target in [good, bad] {
            let fd = try FileIO.open(target, flags: O_WRONLY | O_CREAT | O_TRUNC)
            try C1ZFormat.magic.withUnsafeBytes { try FileIO.writeAll(fd, from: $0.baseAddress!, count: $0.count) }
            let input = try FileIO.open(image, flags: O_RDONLY)
            try Zstd.compress(input: input, size: 100_000, output: fd, level: 3)
            FileIO.close(input); FileIO.close(fd)
        }
        try C1ZOutput.verify(good, decodesTo: image, destination: "sync.c1z")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: bad))
        bytes = bytes.prefix(bytes.count - 7)  // cut off mid-frame, as a concurrent truncation would
        try bytes.write(to: URL(fileURLWithPath: bad))
        #expect(throws: C1ZError.self) { try C1ZOutput.verify(bad, decodesTo: image, destination: "sync.c1z") }
    }

    @Test("scratch folders and temporary files of processes that no longer exist are removed at start")
    func staleFilesAreSwept() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let scratch = try dir.subdirectory("scratch")
        let gone: Int32 = 2_147_483_000  // above any pid_max
        let staleScratch = (scratch as NSString).appendingPathComponent("c1z-write-\(gone)-abcdef")
        try FileManager.default.createDirectory(atPath: staleScratch, withIntermediateDirectories: true)
        let liveScratch = (scratch as NSString).appendingPathComponent("c1z-write-1-abcdef")  // pid 1 runs
        try FileManager.default.createDirectory(atPath: liveScratch, withIntermediateDirectories: true)
        let staleTemporary = dir.file("sync.c1z.tmp-\(gone)-xyz")
        FileManager.default.createFile(atPath: staleTemporary, contents: Data("partial".utf8))
        _ = try await SampleSync.make().write(to: dir.file("sync.c1z"), options: C1ZWriterOptions(tempDirectory: scratch))
        #expect(!FileManager.default.fileExists(atPath: staleScratch))
        #expect(!FileManager.default.fileExists(atPath: staleTemporary))
        #expect(FileManager.default.fileExists(atPath: liveScratch))
    }

    private func mode(_ path: String) throws -> mode_t {
        var info = stat()
        guard stat(path, &info) == 0 else { throw C1ZError.io(path: path, detail: "stat") }
        return info.st_mode & 0o7777
    }
}

extension SampleSync {
    /// Writes every sample row into `writer` without finishing it.
    func fill(_ writer: C1ZWriter) async throws {
        try await writer.put(resourceTypes: types)
        try await writer.put(resources: resources)
        try await writer.put(entitlements: entitlements)
        try await writer.put(grants: grants)
    }
}
