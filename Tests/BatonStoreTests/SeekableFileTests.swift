import BatonProto
import CZstd
import Foundation
import Testing

@testable import BatonStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The image written as independent frames with a seek table, and read in place through the VFS.
@Suite struct SeekableFileTests {
    static let inPlace = C1ZReaderOptions(readInPlace: true)

    /// `C1ZF\0` + the frames of `payload` (of `frameSize` each) + their seek table.
    static func c1z(of payload: [UInt8], frameSize: Int) throws -> [UInt8] {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let input = dir.file("in"), output = dir.file("out")
        try Data(payload).write(to: URL(fileURLWithPath: input))
        let inFD = try FileIO.open(input, flags: O_RDONLY)
        let outFD = try FileIO.open(output, flags: O_WRONLY | O_CREAT | O_TRUNC)
        try Zstd.compress(input: inFD, size: UInt64(payload.count), output: outFD, level: 3, frameSize: frameSize)
        FileIO.close(inFD)
        FileIO.close(outFD)
        return C1ZFormat.magic + [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
    }

    /// The decoded SQLite image of the c1z at `path`.
    static func image(of path: String) throws -> [UInt8] {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let decoded = dir.file("image.db")
        try C1ZDecoder.decode(path: path, into: decoded, limit: 1 << 30)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: decoded)))
    }

    static func uint32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    // MARK: - The layout

    @Test func theImageIsARunOfIndependentFramesFollowedByTheirSeekTable() throws {
        let frameSize = 4096
        let payload = (0..<(frameSize * 5 + 1234)).map { UInt8(truncatingIfNeeded: $0 * 31 + $0 / 700) }
        let file = try Self.c1z(of: payload, frameSize: frameSize)

        // Footer: number of frames, descriptor (checksums on), seekable magic.
        #expect(Self.uint32(file, file.count - 4) == 0x8F92_EAB1)
        #expect(file[file.count - 5] == 0x80)
        let frames = Int(Self.uint32(file, file.count - 9))
        #expect(frames == 6)
        // The skippable frame holding the table: its magic, then the size of the rest.
        let tableStart = file.count - (8 + frames * 12 + 9)
        #expect(Self.uint32(file, tableStart) == 0x184D_2A5E)
        #expect(Int(Self.uint32(file, tableStart + 4)) == frames * 12 + 9)

        // Each entry's frame decompresses alone to its slice of the payload, declares its content
        // size and carries a checksum equal to the table's.
        var compressedAt = 5
        var decompressedAt = 0
        for index in 0..<frames {
            let entry = tableStart + 8 + index * 12
            let compressed = Int(Self.uint32(file, entry))
            let decompressed = Int(Self.uint32(file, entry + 4))
            #expect(decompressed == min(frameSize, payload.count - decompressedAt))
            let frame = Array(file[compressedAt..<(compressedAt + compressed)])
            #expect(Array(frame[0..<4]) == C1ZFormat.zstdFrameMagic)
            #expect(frame[4] & 0x04 != 0, "content checksum flag")
            let declared = frame.withUnsafeBytes { Zstd.declaredContentSize(prefix: $0) }
            #expect(declared == UInt64(decompressed))
            var output = [UInt8](repeating: 0, count: decompressed)
            let result = output.withUnsafeMutableBytes { out in
                frame.withUnsafeBytes { ZSTD_decompress(out.baseAddress, decompressed, $0.baseAddress, compressed) }
            }
            #expect(result == decompressed)
            #expect(output == Array(payload[decompressedAt..<(decompressedAt + decompressed)]))
            #expect(Self.uint32(file, entry + 8) == Self.uint32(frame, compressed - 4))
            compressedAt += compressed
            decompressedAt += decompressed
        }
        #expect(compressedAt == tableStart)
        #expect(decompressedAt == payload.count)

        // Our parser reads the same table back.
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("frames.c1z")
        try Data(file).write(to: URL(fileURLWithPath: path))
        let fd = try FileIO.open(path, flags: O_RDONLY)
        defer { FileIO.close(fd) }
        let table = try ZstdSeekTable.read(fd, fileSize: UInt64(file.count), payloadStart: 5)
        #expect(table.entries.count == frames)
        #expect(table.decompressedSize == UInt64(payload.count))
        #expect(table.encoded() == Array(file[tableStart...]))
        #expect(table.frame(containing: 0) == 0)
        #expect(table.frame(containing: UInt64(frameSize) - 1) == 0)
        #expect(table.frame(containing: UInt64(frameSize)) == 1)
        #expect(table.frame(containing: UInt64(payload.count) - 1) == 5)
        #expect(table.frame(containing: UInt64(payload.count)) == nil)
    }

    @Test func anEmptyImageIsOneEmptyFrameAndItsTable() throws {
        let file = try Self.c1z(of: [], frameSize: 4096)
        #expect(Self.uint32(file, file.count - 9) == 1)
        #expect(Array(file[5..<9]) == C1ZFormat.zstdFrameMagic)
    }

    @Test func theZstdCommandLineToolDecodesOurFileToExactlyTheImage() async throws {
        let zstd = try #require(
            ["/usr/bin/zstd", "/usr/local/bin/zstd", "/opt/homebrew/bin/zstd"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "the zstd command-line tool (Debian package zstd; make test installs it)")
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        try await SeekableSample.write(to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Self.uint32(bytes, bytes.count - 9) > 50, "the sample spans many frames")
        let payload = dir.file("payload.zst")
        try Data(bytes.dropFirst(5)).write(to: URL(fileURLWithPath: payload))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: zstd)
        process.arguments = ["-d", "-q", "-f", payload, "-o", dir.file("payload.db")]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let decoded = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file("payload.db"))))
        #expect(decoded == (try Self.image(of: path)))
        #expect(Array(decoded.prefix(16)) == Array("SQLite format 3\0".utf8))
    }

    // MARK: - Reading in place

    /// Every list and lookup (and the diff) answers the same through the VFS as from a decoded copy.
    @Test func readingInPlaceAnswersEveryQueryAsTheDecodedCopyDoes() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let newest = try await SeekableSample.write(to: path)
        let decoded = try C1ZReader(path: path)
        defer { decoded.close() }
        let inPlace = try C1ZReader(path: path, options: Self.inPlace)
        defer { inPlace.close() }
        #expect(!decoded.readsInPlace)
        #expect(inPlace.readsInPlace)

        #expect(try inPlace.syncRuns() == decoded.syncRuns())
        #expect(try inPlace.syncRuns().count == 2)
        #expect(inPlace.syncID == decoded.syncID)
        #expect(inPlace.lookupSyncID == decoded.lookupSyncID)
        #expect(try inPlace.resourceTypes() == decoded.resourceTypes())
        for type in [nil, "workspace", "user", "group", "role"] {
            #expect(try inPlace.resources(ofType: type) == decoded.resources(ofType: type))
        }
        #expect(try inPlace.resources().count == newest.resources.count)
        #expect(try inPlace.resources(parent: Sample.rid("workspace", "w1")) == decoded.resources(parent: Sample.rid("workspace", "w1")))
        #expect(try inPlace.entitlements() == decoded.entitlements())
        #expect(try inPlace.grants() == decoded.grants())
        #expect(try inPlace.grants().count == newest.grants.count)
        for entitlement in newest.entitlements {
            #expect(try inPlace.entitlement(id: entitlement.id) == decoded.entitlement(id: entitlement.id))
            #expect(try inPlace.entitlements(resource: entitlement.resource.id) == decoded.entitlements(resource: entitlement.resource.id))
            #expect(try inPlace.grants(entitlementID: entitlement.id) == decoded.grants(entitlementID: entitlement.id))
            #expect(try inPlace.grants(resource: entitlement.resource.id) == decoded.grants(resource: entitlement.resource.id))
        }
        for resource in newest.resources.enumerated().filter({ $0.offset % 37 == 0 }).map(\.element) {
            #expect(try inPlace.resource(id: resource.id) == decoded.resource(id: resource.id))
            #expect(try inPlace.resource(id: resource.id) != nil)
            #expect(try inPlace.grants(principal: resource.id) == decoded.grants(principal: resource.id))
        }
        for grant in newest.grants.enumerated().filter({ $0.offset % 53 == 0 }).map(\.element) {
            #expect(try inPlace.grant(id: grant.id) == decoded.grant(id: grant.id))
            #expect(try inPlace.grant(id: grant.id) != nil)
        }
        #expect(try inPlace.grant(id: "no such grant") == nil)
        #expect(try inPlace.resource(id: Sample.rid("user", "nobody")) == nil)
        let query = GrantQuery(principalType: "user", excludedResourceTypes: ["group"], limit: 120)
        #expect(try inPlace.grants(matching: query) == decoded.grants(matching: query))

        let inPlaceDiff = try #require(try inPlace.diffOfLatestSyncs())
        let decodedDiff = try #require(try decoded.diffOfLatestSyncs())
        #expect(inPlaceDiff.older == decodedDiff.older && inPlaceDiff.newer == decodedDiff.newer)
        #expect(inPlaceDiff.addedResources == decodedDiff.addedResources)
        #expect(inPlaceDiff.removedResources == decodedDiff.removedResources)
        #expect(inPlaceDiff.gainedGrants == decodedDiff.gainedGrants)
        #expect(inPlaceDiff.lostGrants == decodedDiff.lostGrants)
        #expect(!inPlaceDiff.gainedGrants.isEmpty && !inPlaceDiff.removedResources.isEmpty)

        // Every page of the image, read through the VFS, is a consistent database.
        #expect(try inPlace.rawRows("pragma integrity_check") == [["ok"]])
        #expect(try inPlace.rawRows("pragma journal_mode") == decoded.rawRows("pragma journal_mode"))
    }

    @Test func aFileLargerThanTheFrameCacheReadsCompletely() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let newest = try await SeekableSample.write(to: path)
        var options = Self.inPlace
        options.frameCacheFrames = 2
        let reader = try C1ZReader(path: path, options: options)
        defer { reader.close() }
        let decoded = try C1ZReader(path: path)
        defer { decoded.close() }
        #expect(try reader.grants() == decoded.grants())
        #expect(try reader.grants().count == newest.grants.count)
        #expect(try reader.rawRows("pragma integrity_check") == [["ok"]])
        // Frames were evicted and decoded again: the cache never held the image.
        let frames = try Self.frameCount(path)
        #expect(try #require(reader.framesDecoded) > frames)
    }

    @Test func aLookupByIDDecodesOnlyAFewOfTheFrames() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let newest = try await SeekableSample.write(to: path)
        let reader = try C1ZReader(path: path, options: Self.inPlace)
        defer { reader.close() }
        let grant = newest.grants[newest.grants.count / 2]
        #expect(try reader.grant(id: grant.id) == ProtoCoding.normalized(grant))
        #expect(try reader.entitlement(id: grant.entitlement.id)?.id == grant.entitlement.id)
        #expect(try reader.resource(id: grant.principal.id)?.id == grant.principal.id)
        let frames = try Self.frameCount(path)
        let decodedFrames = try #require(reader.framesDecoded)
        #expect(decodedFrames > 0)
        #expect(decodedFrames * 4 < frames, "\(decodedFrames) of \(frames) frames decoded for three lookups")
    }

    static func frameCount(_ path: String) throws -> Int {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return Int(uint32(bytes, bytes.count - 9))
    }

    // MARK: - Files without a usable seek table, and damaged ones

    @Test func singleFrameFilesAreDecodedAsBefore() async throws {
        // The Go connector's file: one frame, no seek table.
        let go = try C1ZReader(path: Fixture.c1zPath, options: Self.inPlace)
        defer { go.close() }
        let goDecoded = try C1ZReader(path: Fixture.c1zPath)
        defer { goDecoded.close() }
        #expect(!go.readsInPlace)
        #expect(try go.grants() == goDecoded.grants())
        #expect(try !go.grants().isEmpty)

        // One of ours as it was written before: the image in a single frame of its own.
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("old.c1z")
        let sample = SampleSync.make()
        _ = try await sample.write(to: path)
        try Data(try Self.singleFrame(Self.image(of: path))).write(to: URL(fileURLWithPath: path))
        let old = try C1ZReader(path: path, options: Self.inPlace)
        defer { old.close() }
        #expect(!old.readsInPlace)
        #expect(try old.grants() == sample.normalized().grants)
    }

    /// `C1ZF\0` + `image` in one zstd frame, as files were written before the seek table.
    static func singleFrame(_ image: [UInt8]) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(image.count))
        let written = output.withUnsafeMutableBytes { out in
            image.withUnsafeBytes { ZSTD_compress(out.baseAddress, out.count, $0.baseAddress, image.count, 3) }
        }
        #expect(ZSTD_isError(written) == 0)
        return C1ZFormat.magic + Array(output.prefix(written))
    }

    @Test func aDamagedSeekTableFallsBackToDecodingTheFrames() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let sample = SampleSync.make()
        _ = try await sample.write(to: path, options: SeekableSample.options)
        let valid = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let frames = Int(Self.uint32(valid, valid.count - 9))
        let tableStart = valid.count - (8 + frames * 12 + 9)

        var damaged: [[UInt8]] = []
        var wrongCount = valid
        wrongCount[valid.count - 9] ^= 0x01  // the number of frames
        damaged.append(wrongCount)
        var wrongSize = valid
        wrongSize[tableStart + 8] ^= 0x10  // the first frame's compressed size
        damaged.append(wrongSize)
        var reservedBits = valid
        reservedBits[valid.count - 5] |= 0x04  // a reserved descriptor bit
        damaged.append(reservedBits)
        var wrongHeader = valid
        wrongHeader[tableStart] ^= 0x01  // the skippable frame's magic
        damaged.append(wrongHeader)
        var wrongSizes = valid
        wrongSizes[tableStart + 12] ^= 0x01  // the first frame's decompressed size (standard decoders skip the table)
        damaged.append(wrongSizes)

        for (index, bytes) in damaged.enumerated() {
            let copy = dir.file("damaged-\(index).c1z")
            try Data(bytes).write(to: URL(fileURLWithPath: copy))
            if index == damaged.count - 1 {
                // A table that adds up but lies about a frame: the frame's own header disagrees,
                // which the first read of that frame (here the header page, at open) reports.
                do {
                    let reader = try C1ZReader(path: copy, options: Self.inPlace)
                    reader.close()
                    Issue.record("opened a file whose seek table lies about frame 0")
                } catch let error as C1ZError {
                    #expect(error.description.contains("disagrees with the seek table"), "\(error)")
                    #expect(!error.description.contains("\n"))
                }
                continue
            }
            let reader = try C1ZReader(path: copy, options: Self.inPlace)
            defer { reader.close() }
            #expect(!reader.readsInPlace, "damage \(index)")
            #expect(try reader.grants() == sample.normalized().grants, "damage \(index)")
        }
    }

    @Test func aCorruptFrameFailsWithOneLineAndNoCrash() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        try await SeekableSample.write(to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // A byte in the middle of the frames: some page's frame no longer decodes.
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            let reader = try C1ZReader(path: path, options: Self.inPlace)
            defer { reader.close() }
            _ = try reader.rawRows("pragma integrity_check")
            _ = try reader.grants()
            Issue.record("read a corrupt frame")
        } catch let error as C1ZError {
            guard case .invalidCompression(let failedPath, let detail) = error else {
                Issue.record("unexpected error: \(error)")
                return
            }
            #expect(failedPath == path)
            #expect(detail.hasPrefix("frame "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func aSeekTableDeclaringMoreThanTheCapIsTooLarge() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        try await SeekableSample.write(to: path)
        #expect(throws: C1ZError.tooLarge(path: path, limitBytes: 1 << 20)) {
            _ = try C1ZReader(path: path, options: C1ZReaderOptions(maxDecodedSize: 1 << 20, readInPlace: true))
        }
        #expect(throws: C1ZError.tooLarge(path: path, limitBytes: 1 << 20)) {
            _ = try C1ZReader(path: path, options: C1ZReaderOptions(maxDecodedSize: 1 << 20))
        }
    }

    @Test func theWALFlagOfAnImageReadInPlaceReadsAsRollbackJournal() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let sample = SampleSync.make()
        _ = try await sample.write(to: path)
        var image = try Self.image(of: path)
        image[18] = 2
        image[19] = 2
        try Data(try Self.c1z(of: image, frameSize: 4096)).write(to: URL(fileURLWithPath: path))
        let reader = try C1ZReader(path: path, options: Self.inPlace)
        defer { reader.close() }
        #expect(reader.readsInPlace)
        #expect(try reader.grants() == sample.normalized().grants)
        #expect(try reader.rawRows("pragma journal_mode") == [["delete"]])
    }

    @Test func closingAnInPlaceReaderLeavesNoFilesAndTheNameUnregistered() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        _ = try await SampleSync.make().write(to: path)
        let scratch = try dir.subdirectory("scratch")
        let reader = try C1ZReader(path: path, options: C1ZReaderOptions(tempDirectory: scratch, readInPlace: true))
        #expect(reader.readsInPlace)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty, "nothing decoded to disk")
        let name = try #require(reader.imageName)
        #expect(SeekableVFS.shared?.image(named: name) != nil)
        reader.close()
        reader.close()
        #expect(SeekableVFS.shared?.image(named: name) == nil)
    }
}
