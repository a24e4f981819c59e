import CZstd
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Random access to the SQLite image inside a c1z that ends with a seek table, without decoding
/// the image: a read at any offset decompresses only the frames covering it, and the last few
/// decoded frames are kept (least recently used goes first), so memory is bounded by the cache
/// and not by the file. SQLite reads it through ``SeekableVFS``.
///
/// Unchecked `Sendable`: the mutable state (decompression context, buffers, cache) is only
/// touched with `lock` held.
package final class SeekableImage: @unchecked Sendable {
    /// The c1z file.
    package let path: String
    package let table: ZstdSeekTable
    /// Decoded frames kept at most.
    package let cacheFrames: Int
    private let fd: Int32
    private let lock = NSLock()
    private var state = State()

    /// Frames larger than this are refused (the reader decodes such a file instead), so the cache's
    /// memory stays bounded whatever another writer chose. Ours are `C1ZFormat.frameSize`.
    static let maximumFrameSize: UInt32 = 16 << 20

    private struct Slot {
        var frame: Int
        var bytes: UnsafeMutableRawPointer
        var capacity: Int
        var lastUse: UInt64
    }

    private struct State {
        var context: OpaquePointer?
        var compressed: UnsafeMutableRawPointer?
        var compressedCapacity = 0
        var slots: [Slot] = []
        var clock: UInt64 = 0
        var framesDecoded = 0
        var failure: String?
    }

    /// Opens `path` when it is a c1z whose payload ends with a usable seek table. Throws
    /// `ZstdSeekTable.Failure` when it does not (the caller decodes the file instead), and
    /// `C1ZError.tooLarge` when the table declares an image over `limit`.
    package init(path: String, limit: UInt64, cacheFrames: Int) throws {
        self.path = path
        self.cacheFrames = max(cacheFrames, 1)
        let fd = try FileIO.open(path, flags: O_RDONLY)
        do {
            var magic = [UInt8](repeating: 0, count: C1ZFormat.magic.count)
            let got = magic.withUnsafeMutableBytes { FileIO.pread(fd, into: $0.baseAddress!, count: $0.count, offset: 0) }
            guard got == magic.count, magic == C1ZFormat.magic else { throw ZstdSeekTable.Failure.absent }
            let size = try FileIO.fileSize(path)
            table = try ZstdSeekTable.read(fd, fileSize: size, payloadStart: UInt64(C1ZFormat.magic.count))
            guard !table.entries.isEmpty else { throw ZstdSeekTable.Failure.malformed("no frames") }
            // A frame of at most that much compresses to at most its bound: a larger entry is a lie.
            let compressedLimit = UInt32(clamping: ZSTD_compressBound(Int(Self.maximumFrameSize)))
            if let large = table.entries.firstIndex(where: {
                $0.decompressedSize > Self.maximumFrameSize || $0.compressedSize > compressedLimit
            }) {
                throw ZstdSeekTable.Failure.malformed("frame \(large) is larger than \(Self.maximumFrameSize) bytes")
            }
            if table.decompressedSize > limit { throw C1ZError.tooLarge(path: path, limitBytes: limit) }
        } catch {
            FileIO.close(fd)
            throw error
        }
        self.fd = fd
    }

    deinit {
        if let context = state.context { ZSTD_freeDCtx(context) }
        state.compressed?.deallocate()
        for slot in state.slots { slot.bytes.deallocate() }
        FileIO.close(fd)
    }

    /// The image's size (the sum of the frames' decompressed sizes).
    package var size: UInt64 { table.decompressedSize }

    /// Frames decompressed so far (a frame evicted and needed again counts again).
    package var framesDecoded: Int { lock.withLock { state.framesDecoded } }

    /// What went wrong in the last failed read, in one line.
    package var failure: String? { lock.withLock { state.failure } }

    /// Copies `count` bytes of the image at `offset` into `destination`; returns how many were
    /// there (fewer than `count` only past the end of the image).
    package func read(into destination: UnsafeMutableRawPointer, count: Int, offset: UInt64) throws(ZstdSeekTable.Failure) -> Int {
        lock.lock()
        defer { lock.unlock() }
        var done = 0
        while done < count, let frame = table.frame(containing: offset + UInt64(done)) {
            let slot = try decoded(frame)
            let within = Int(offset + UInt64(done) - table.decompressedOffsets[frame])
            let step = min(count - done, Int(table.entries[frame].decompressedSize) - within)
            memcpy(destination + done, state.slots[slot].bytes + within, step)
            done += step
        }
        return done
    }

    /// The cache slot holding `frame`, decompressing it (into the least recently used slot once
    /// the cache is full) when it is not there.
    private func decoded(_ frame: Int) throws(ZstdSeekTable.Failure) -> Int {
        state.clock += 1
        if let hit = state.slots.firstIndex(where: { $0.frame == frame }) {
            state.slots[hit].lastUse = state.clock
            return hit
        }
        let entry = table.entries[frame]
        let needed = Int(entry.decompressedSize)
        let slot: Int
        if state.slots.count < cacheFrames {
            state.slots.append(
                Slot(frame: -1, bytes: .allocate(byteCount: max(needed, 1), alignment: 16), capacity: max(needed, 1), lastUse: 0))
            slot = state.slots.count - 1
        } else {
            slot = state.slots.indices.min { state.slots[$0].lastUse < state.slots[$1].lastUse }!
        }
        if state.slots[slot].capacity < needed {
            state.slots[slot].bytes.deallocate()
            state.slots[slot].bytes = .allocate(byteCount: needed, alignment: 16)
            state.slots[slot].capacity = needed
        }
        // Until it holds the new frame the slot holds nothing.
        state.slots[slot].frame = -1
        do {
            try decompress(frame, entry, into: state.slots[slot].bytes)
        } catch {
            state.failure = "frame \(frame) of \(table.entries.count): \(error.detail)"
            throw error
        }
        state.framesDecoded += 1
        state.slots[slot].frame = frame
        state.slots[slot].lastUse = state.clock
        return slot
    }

    private func decompress(
        _ frame: Int, _ entry: ZstdSeekTable.Entry, into destination: UnsafeMutableRawPointer
    ) throws(ZstdSeekTable.Failure) {
        if state.context == nil { state.context = ZSTD_createDCtx() }
        guard let context = state.context else { throw .malformed("out of memory") }
        let compressedCount = Int(entry.compressedSize)
        if state.compressedCapacity < compressedCount {
            state.compressed?.deallocate()
            state.compressed = .allocate(byteCount: compressedCount, alignment: 16)
            state.compressedCapacity = compressedCount
        }
        let source = state.compressed!
        let offset = UInt64(C1ZFormat.magic.count) + table.compressedOffsets[frame]
        let got = FileIO.pread(fd, into: source, count: compressedCount, offset: offset)
        guard got == compressedCount else {
            throw .malformed(got < 0 ? "read failed: \(String(cString: strerror(errno)))" : "the file ends inside the frame")
        }
        // One frame, exactly as large as the table says; its content checksum is checked too.
        guard ZSTD_getFrameContentSize(source, compressedCount) == UInt64(entry.decompressedSize) else {
            throw .malformed("the frame's header disagrees with the seek table")
        }
        let result = ZSTD_decompressDCtx(context, destination, Int(entry.decompressedSize), source, compressedCount)
        if ZSTD_isError(result) != 0 { throw .malformed(String(cString: ZSTD_getErrorName(result))) }
        guard result == Int(entry.decompressedSize) else {
            throw .malformed("decoded \(result) of \(entry.decompressedSize) bytes")
        }
        let frameHasChecksum = source.load(fromByteOffset: 4, as: UInt8.self) & 0x04 != 0
        if let checksum = entry.checksum, frameHasChecksum {
            let trailer = (source + compressedCount - 4).loadUnaligned(as: UInt32.self).littleEndian
            guard trailer == checksum else { throw .malformed("the frame's checksum disagrees with the seek table") }
        }
    }
}
