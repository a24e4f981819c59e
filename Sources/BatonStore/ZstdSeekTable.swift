import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The seek table of zstd's seekable format (github.com/facebook/zstd, contrib/seekable_format):
/// for every frame of a payload made of independent frames, its compressed and decompressed size
/// and the low 32 bits of its content's XXH64, stored in a skippable frame after the last frame.
/// Standard decoders pass over skippable frames, so a payload with a seek table still decodes to
/// exactly the concatenation of its frames; a reader that finds the table can decompress any one
/// frame on its own (docs/baton-conventions.md, "Envelope").
package struct ZstdSeekTable: Sendable, Equatable {
    /// One frame of the payload.
    package struct Entry: Sendable, Equatable {
        package var compressedSize: UInt32
        package var decompressedSize: UInt32
        /// The low 32 bits of the XXH64 of the frame's content (the frame's own content checksum).
        package var checksum: UInt32?

        package init(compressedSize: UInt32, decompressedSize: UInt32, checksum: UInt32?) {
            self.compressedSize = compressedSize
            self.decompressedSize = decompressedSize
            self.checksum = checksum
        }
    }

    /// Why a table at the end of a file could not be used.
    package enum Failure: Error, Equatable, CustomStringConvertible {
        /// The file does not end with a seek table (an older or another writer's file).
        case absent
        /// It ends with the seekable magic, but the table does not describe the file.
        case malformed(String)

        package var description: String {
            switch self {
            case .absent: "no seek table"
            case .malformed(let detail): "malformed seek table: \(detail)"
            }
        }

        /// What is wrong, without saying where.
        package var detail: String {
            switch self {
            case .absent: "no seek table"
            case .malformed(let detail): detail
            }
        }
    }

    /// `0x184D2A5E`: the skippable frame magic the seekable format uses for its table.
    static let skippableMagic: UInt32 = 0x184D_2A5E
    /// `0x8F92EAB1`: the last four bytes of a seekable payload.
    static let seekableMagic: UInt32 = 0x8F92_EAB1
    /// Number of frames (4), descriptor (1), seekable magic (4).
    static let footerSize = 9
    /// Skippable magic (4) and frame size (4).
    static let headerSize = 8
    /// Far beyond any image we accept (a million frames of 2 MiB is 2 TiB), so a hostile count
    /// cannot make us read a huge table.
    static let maximumFrames: UInt32 = 1 << 20

    package let entries: [Entry]
    /// Where each frame starts in the payload (compressed) and in the image (decompressed).
    let compressedOffsets: [UInt64]
    let decompressedOffsets: [UInt64]
    /// The whole image's size: the sum of the frames' decompressed sizes.
    package let decompressedSize: UInt64
    /// The frames' total size, without the table.
    package let compressedSize: UInt64

    package init(entries: [Entry]) {
        self.entries = entries
        var compressed: [UInt64] = []
        var decompressed: [UInt64] = []
        compressed.reserveCapacity(entries.count)
        decompressed.reserveCapacity(entries.count)
        var compressedTotal: UInt64 = 0
        var decompressedTotal: UInt64 = 0
        for entry in entries {
            compressed.append(compressedTotal)
            decompressed.append(decompressedTotal)
            compressedTotal += UInt64(entry.compressedSize)
            decompressedTotal += UInt64(entry.decompressedSize)
        }
        compressedOffsets = compressed
        decompressedOffsets = decompressed
        compressedSize = compressedTotal
        decompressedSize = decompressedTotal
    }

    /// Whether every entry carries a checksum (the format has one flag for the whole table).
    var hasChecksums: Bool { !entries.isEmpty && entries.allSatisfy { $0.checksum != nil } }

    /// The size of the skippable frame holding this table.
    var encodedSize: Int { Self.headerSize + entries.count * (hasChecksums ? 12 : 8) + Self.footerSize }

    /// The skippable frame holding this table, as it goes after the last frame.
    package func encoded() -> [UInt8] {
        let checksums = hasChecksums
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encodedSize)
        func append(_ value: UInt32) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        append(Self.skippableMagic)
        append(UInt32(encodedSize - Self.headerSize))
        for entry in entries {
            append(entry.compressedSize)
            append(entry.decompressedSize)
            if checksums { append(entry.checksum ?? 0) }
        }
        append(UInt32(entries.count))
        bytes.append(checksums ? 0x80 : 0)
        append(Self.seekableMagic)
        return bytes
    }

    /// The frame holding byte `offset` of the image, or nil past its end.
    func frame(containing offset: UInt64) -> Int? {
        guard offset < decompressedSize else { return nil }
        // The last frame starting at or before `offset` (frames of size 0 start where the next does).
        var low = 0
        var high = entries.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if decompressedOffsets[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Reads the table at the end of `fd` (`fileSize` bytes), whose payload of frames starts at
    /// `payloadStart`. Throws `.absent` when the file does not end with the seekable magic, and
    /// `.malformed` when it does but the table does not add up to the file.
    package static func read(_ fd: Int32, fileSize: UInt64, payloadStart: UInt64) throws(Failure) -> ZstdSeekTable {
        guard fileSize >= payloadStart + UInt64(headerSize + footerSize) else { throw .absent }
        let footer = try bytes(fd, at: fileSize - UInt64(footerSize), count: footerSize)
        guard uint32(footer, 5) == seekableMagic else { throw .absent }
        let frames = uint32(footer, 0)
        let descriptor = footer[4]
        guard descriptor & 0x7C == 0 else { throw .malformed("reserved descriptor bits set") }
        guard frames <= maximumFrames else { throw .malformed("\(frames) frames") }
        let entrySize = descriptor & 0x80 != 0 ? 12 : 8
        let tableSize = UInt64(headerSize) + UInt64(frames) * UInt64(entrySize) + UInt64(footerSize)
        guard tableSize <= fileSize - payloadStart else { throw .malformed("\(frames) frames do not fit in the file") }
        let table = try bytes(fd, at: fileSize - tableSize, count: Int(tableSize))
        guard uint32(table, 0) == skippableMagic else { throw .malformed("no skippable frame header") }
        guard UInt64(uint32(table, 4)) == tableSize - UInt64(headerSize) else { throw .malformed("frame size disagrees") }
        var entries: [Entry] = []
        entries.reserveCapacity(Int(frames))
        for index in 0..<Int(frames) {
            let at = headerSize + index * entrySize
            let compressed = uint32(table, at)
            guard compressed > 0 else { throw .malformed("frame \(index) is empty") }
            entries.append(
                Entry(
                    compressedSize: compressed, decompressedSize: uint32(table, at + 4),
                    checksum: entrySize == 12 ? uint32(table, at + 8) : nil))
        }
        let parsed = ZstdSeekTable(entries: entries)
        guard payloadStart + parsed.compressedSize + tableSize == fileSize else {
            throw .malformed("frames add up to \(parsed.compressedSize) bytes, the file holds \(fileSize - payloadStart - tableSize)")
        }
        return parsed
    }

    private static func bytes(_ fd: Int32, at offset: UInt64, count: Int) throws(Failure) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let got = buffer.withUnsafeMutableBytes { FileIO.pread(fd, into: $0.baseAddress!, count: count, offset: offset) }
        guard got == count else { throw .malformed("cannot read \(count) bytes at \(offset)") }
        return buffer
    }

    private static func uint32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
