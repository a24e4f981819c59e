import Foundation
import Testing

@testable import BatonStore

#if canImport(Glibc)
    import Glibc
#endif

/// Files that are not valid c1z get a typed, one-line error and leave no temp files, whether
/// they are decoded or read in place.
@Suite struct HostileFileTests {
    func expectError(
        _ bytes: [UInt8], maxDecodedSize: UInt64 = C1ZFormat.defaultMaxDecodedSize,
        _ matches: (C1ZError) -> Bool
    ) throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("hostile.c1z")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let scratch = try dir.subdirectory("scratch")
        for readInPlace in [false, true] {
            do {
                let reader = try C1ZReader(
                    path: path, options: C1ZReaderOptions(maxDecodedSize: maxDecodedSize, tempDirectory: scratch, readInPlace: readInPlace))
                reader.close()
                Issue.record("opened a hostile file (in place: \(readInPlace))")
            } catch let error as C1ZError {
                #expect(matches(error), "unexpected error (in place: \(readInPlace)): \(error)")
                #expect(!error.description.contains("\n"))
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
        }
    }

    /// `C1ZF\0` + `payload` as the writer compresses it (frames with checksum and content size, seek table).
    func c1z(of payload: [UInt8]) throws -> [UInt8] {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let input = dir.file("in"), output = dir.file("out")
        try Data(payload).write(to: URL(fileURLWithPath: input))
        let inFD = try FileIO.open(input, flags: O_RDONLY)
        let outFD = try FileIO.open(output, flags: O_WRONLY | O_CREAT | O_TRUNC)
        try Zstd.compress(input: inFD, size: UInt64(payload.count), output: outFD, level: 3)
        FileIO.close(inFD)
        FileIO.close(outFD)
        return C1ZFormat.magic + [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
    }

    func validC1Z() async throws -> [UInt8] {
        let dir = try TempDir()
        defer { dir.cleanup() }
        _ = try await SampleSync.make().write(to: dir.file("ok.c1z"))
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file("ok.c1z"))))
    }

    @Test func emptyFile() throws {
        try expectError([]) { if case .emptyFile = $0 { true } else { false } }
    }

    @Test func badMagic() throws {
        try expectError(Array("SQLite format 3\0 and more".utf8)) { if case .badMagic = $0 { true } else { false } }
        try expectError([0x43, 0x31]) { if case .badMagic = $0 { true } else { false } }
    }

    @Test func magicOnly() throws {
        try expectError(C1ZFormat.magic) { if case .truncated = $0 { true } else { false } }
    }

    @Test func notZstdAfterMagic() throws {
        try expectError(C1ZFormat.magic + Array("definitely not zstd".utf8)) {
            if case .invalidCompression = $0 { true } else { false }
        }
    }

    @Test func truncatedZstd() async throws {
        let valid = try await validC1Z()
        try expectError(Array(valid.prefix(valid.count / 2))) { if case .truncated = $0 { true } else { false } }
        try expectError(Array(valid.dropLast(2))) { if case .truncated = $0 { true } else { false } }
    }

    @Test func corruptedZstd() async throws {
        var valid = try await validC1Z()
        valid[valid.count - 40] ^= 0xFF  // inside the compressed data or checksum
        try expectError(valid) { if case .invalidCompression = $0 { true } else { false } }
    }

    @Test func zstdOfNonSQLiteBytes() throws {
        var rng = SystemRandomNumberGenerator()
        let garbage = (0..<10_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        try expectError(try c1z(of: garbage)) { if case .notSQLite = $0 { true } else { false } }
    }

    @Test func sqliteHeaderWithGarbageBody() throws {
        let bogus = Array("SQLite format 3\0".utf8) + [UInt8](repeating: 0xAB, count: 4096)
        try expectError(try c1z(of: bogus)) { if case .database = $0 { true } else { false } }
    }

    @Test func declaredContentSizeOverTheCap() async throws {
        try expectError(try await validC1Z(), maxDecodedSize: 1024) { if case .tooLarge = $0 { true } else { false } }
    }

    @Test func decodedBytesOverTheCapWithoutDeclaredSize() throws {
        // First frame declares 100 bytes (under the cap); a second frame pushes the total over it.
        let small = try c1z(of: [UInt8](repeating: 1, count: 100))
        let large = try c1z(of: [UInt8](repeating: 2, count: 100_000))
        try expectError(small + Array(large.dropFirst(5)), maxDecodedSize: 50_000) {
            if case .tooLarge = $0 { true } else { false }
        }
    }

    @Test func concatenatedFramesAreAccepted() async throws {
        // A valid image split across two frames decodes to the whole image.
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("ok.c1z")
        _ = try await SampleSync.make().write(to: path)
        let decoded = try C1ZDecoder.decode(path: path, tempDirectory: dir.path, limit: 1 << 30)
        let image = [UInt8](try Data(contentsOf: URL(fileURLWithPath: decoded.database)))
        try FileManager.default.removeItem(atPath: decoded.directory)
        let half = image.count / 2
        let joined = try c1z(of: Array(image[..<half])) + Array(try c1z(of: Array(image[half...])).dropFirst(5))
        try Data(joined).write(to: URL(fileURLWithPath: path))
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        #expect(try reader.resourceTypes().count == 4)
    }

    @Test func readerCleansUpOnClose() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let reader = try C1ZReader(path: Fixture.c1zPath, options: C1ZReaderOptions(tempDirectory: dir.path))
        #expect(try dir.contents().count == 1)
        reader.close()
        reader.close()
        #expect(try dir.contents().isEmpty)
    }

    @Test func missingFile() throws {
        #expect(throws: C1ZError.self) { _ = try C1ZReader(path: "/nonexistent/sync.c1z") }
    }
}
