import Foundation
import Testing

@testable import BatonStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct EnvelopeTests {
    @Test func fileStartsWithMagicThenZstdFramesWithChecksumAndContentSizeThenTheirSeekTable() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        _ = try await SampleSync.make().write(to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))

        #expect(Array(bytes[0..<5]) == [0x43, 0x31, 0x5A, 0x46, 0x00])
        #expect(Array(bytes[5..<9]) == [0x28, 0xB5, 0x2F, 0xFD])
        let descriptor = bytes[9]
        #expect(descriptor & 0x04 != 0, "content checksum flag")
        let singleSegment = descriptor & 0x20 != 0
        let sizeFlag = descriptor >> 6
        #expect(singleSegment || sizeFlag != 0, "frame content size recorded")
        // The file ends with the seekable format's footer: frame count, descriptor, magic 0x8F92EAB1.
        #expect(Array(bytes.suffix(4)) == [0xB1, 0xEA, 0x92, 0x8F])

        // The first frame declares its share of the SQLite image; the seek table, the whole image.
        let declared = bytes[5...].withUnsafeBytes { Zstd.declaredContentSize(prefix: $0) }
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        let pageCount = try #require(reader.rawRows("pragma page_count").first?.first ?? nil)
        let pageSize = try #require(reader.rawRows("pragma page_size").first?.first ?? nil)
        let imageSize = UInt64(pageCount)! * UInt64(pageSize)!
        #expect(declared == min(imageSize, UInt64(C1ZFormat.frameSize)))
        let fd = try FileIO.open(path, flags: O_RDONLY)
        defer { FileIO.close(fd) }
        let table = try ZstdSeekTable.read(fd, fileSize: UInt64(bytes.count), payloadStart: 5)
        #expect(table.decompressedSize == imageSize)
    }

    @Test func imageIsSelfContainedRollbackJournalSQLite() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        _ = try await SampleSync.make().write(to: path)
        let decoded = try C1ZDecoder.decode(path: path, tempDirectory: dir.path, limit: 1 << 30)
        defer { try? FileManager.default.removeItem(atPath: decoded.directory) }
        let image = [UInt8](try Data(contentsOf: URL(fileURLWithPath: decoded.database)))
        #expect(Array(image[0..<16]) == Array("SQLite format 3\0".utf8))
        #expect(image[18] == 1 && image[19] == 1, "rollback journal (not WAL) read/write versions")
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        #expect(try reader.rawRows("pragma journal_mode").first?.first == "delete")
        #expect(try reader.rawRows("pragma encoding").first?.first == "UTF-8")
        #expect(try reader.rawRows("pragma integrity_check").first?.first == "ok")
    }

    @Test func ksuidMatchesReferenceVectorAndShape() throws {
        // Reference KSUID from the format's specification.
        let payload: [UInt8] = [0xB5, 0xA1, 0xCD, 0x34, 0xB5, 0xF9, 0x9D, 0x11, 0x54, 0xFB, 0x68, 0x53, 0x34, 0x5C, 0x97, 0x35]
        #expect(KSUID.encode(timestamp: 107_608_047, payload: payload) == "0ujtsYcgvSTl8PAuAdqWYSMnLOv")
        #expect(KSUID.date(of: "0ujtsYcgvSTl8PAuAdqWYSMnLOv") == Date(timeIntervalSince1970: 1_400_000_000 + 107_608_047))
        #expect(KSUID.encode(timestamp: 0, payload: [UInt8](repeating: 0, count: 16)) == String(repeating: "0", count: 27))
        #expect(KSUID.encode(timestamp: .max, payload: [UInt8](repeating: 0xFF, count: 16)) == "aWgEPTl1tmebfsQzFP4bxwgy80V")

        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let id = KSUID.generate(at: now)
        #expect(id.count == 27)
        #expect(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(KSUID.date(of: id) == now)
        #expect(KSUID.generate(at: now) != id)
        #expect(KSUID.date(of: "not-a-ksuid") == nil)
    }

    @Test func timestampsUseGoLayoutInUTCWithTrailingZerosDropped() {
        #expect(C1ZTimestamp.format(Date(timeIntervalSince1970: 1_780_000_000)) == "2026-05-28 20:26:40")
        #expect(C1ZTimestamp.format(Date(timeIntervalSince1970: 1_780_000_000.5)) == "2026-05-28 20:26:40.5")
        #expect(C1ZTimestamp.format(Date(timeIntervalSince1970: 1_780_000_000.123456)) == "2026-05-28 20:26:40.123456")
        #expect(C1ZTimestamp.parse("2026-11-29 04:35:42.59863406") == Date(timeIntervalSince1970: 1_795_926_942.59863406))
        #expect(C1ZTimestamp.parse("2026-05-28T20:26:40Z") == Date(timeIntervalSince1970: 1_780_000_000))
        #expect(C1ZTimestamp.parse("2026-05-28 22:26:40+02:00") == Date(timeIntervalSince1970: 1_780_000_000))
        #expect(C1ZTimestamp.parse("yesterday") == nil)
    }
}
