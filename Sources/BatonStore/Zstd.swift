import CZstd
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// zstd through the system libzstd, file descriptor to file descriptor, with fixed buffers so
/// memory does not depend on the file size.
enum Zstd {
    /// Compresses everything readable from `input` (of `size` bytes) onto `output` as a run of
    /// independent frames, each of `frameSize` bytes of input (the last one shorter), each with
    /// its content size and checksum, followed by their seek table (``ZstdSeekTable``) in a
    /// skippable frame. Standard decoders read the run as one stream; a reader with the table
    /// can decompress any one frame alone. One thread: the benchmark's floor compresses with the
    /// same code, so it keeps paying what a sync pays.
    static func compress(
        input: Int32, size: UInt64, output: Int32, level: Int32, frameSize: Int = C1ZFormat.frameSize
    ) throws {
        guard frameSize > 0, frameSize <= Int(UInt32.max) else {
            throw C1ZError.compression(detail: "frame size \(frameSize) out of range")
        }
        guard let context = ZSTD_createCCtx() else { throw C1ZError.compression(detail: "out of memory") }
        defer { ZSTD_freeCCtx(context) }
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level))
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1))
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 1))

        let outCapacity = ZSTD_compressBound(frameSize)
        try check(outCapacity)
        let inBuffer = UnsafeMutableRawPointer.allocate(byteCount: frameSize, alignment: 16)
        let outBuffer = UnsafeMutableRawPointer.allocate(byteCount: outCapacity, alignment: 16)
        defer { inBuffer.deallocate(); outBuffer.deallocate() }

        var entries: [ZstdSeekTable.Entry] = []
        var consumed: UInt64 = 0
        while true {
            // Large images take seconds: honour cancellation between frames.
            try Task.checkCancellation()
            let count = try FileIO.readFully(input, into: inBuffer, count: frameSize)
            // An empty image still gets one (empty) frame, so the payload is never only a table.
            if count == 0, !entries.isEmpty { break }
            let written = ZSTD_compress2(context, outBuffer, outCapacity, inBuffer, count)
            try check(written)
            try FileIO.writeAll(output, from: outBuffer, count: written)
            // The frame ends with its content checksum: the low 32 bits of XXH64, little-endian,
            // which is also what the seek table records.
            let checksum = outBuffer.loadUnaligned(fromByteOffset: written - 4, as: UInt32.self).littleEndian
            entries.append(ZstdSeekTable.Entry(compressedSize: UInt32(written), decompressedSize: UInt32(count), checksum: checksum))
            consumed += UInt64(count)
            if count < frameSize { break }
        }
        if consumed != size {
            throw C1ZError.compression(detail: "source changed size while compressing (\(consumed) of \(size) bytes)")
        }
        let table = ZstdSeekTable(entries: entries).encoded()
        try table.withUnsafeBytes { try FileIO.writeAll(output, from: $0.baseAddress!, count: $0.count) }
    }

    enum DecodeFailure: Error {
        case invalid(String)
        case truncated
        case tooLarge
        case empty
    }

    /// The content size declared by the first frame header in `prefix`, when it records one.
    static func declaredContentSize(prefix: UnsafeRawBufferPointer) -> UInt64? {
        let size = ZSTD_getFrameContentSize(prefix.baseAddress, prefix.count)
        // ZSTD_CONTENTSIZE_UNKNOWN is (0ULL - 1), ZSTD_CONTENTSIZE_ERROR is (0ULL - 2).
        if size == UInt64.max || size == UInt64.max - 1 { return nil }
        return size
    }

    /// Decompresses all frames from `input` to `output`, failing once more than `limit` bytes
    /// would be produced. Returns the number of bytes written.
    static func decompress(input: Int32, output: Int32, limit: UInt64) throws(DecodeFailure) -> UInt64 {
        try decompress(input: input, limit: limit) { chunk throws(DecodeFailure) in
            do { try FileIO.writeAll(output, from: chunk.baseAddress!, count: chunk.count) } catch { throw .invalid("\(error)") }
        }
    }

    /// Decompresses all frames from `input`, handing each decoded chunk to `sink`.
    static func decompress(
        input: Int32, limit: UInt64,
        sink deliver: (UnsafeRawBufferPointer) throws(DecodeFailure) -> Void
    ) throws(DecodeFailure) -> UInt64 {
        guard let context = ZSTD_createDCtx() else { throw .invalid("out of memory") }
        defer { ZSTD_freeDCtx(context) }
        // Same ceiling as the Go readers: windows up to 128 MiB (2^27).
        _ = ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, 27)

        let inCapacity = ZSTD_DStreamInSize()
        let outCapacity = ZSTD_DStreamOutSize()
        let inBuffer = UnsafeMutableRawPointer.allocate(byteCount: inCapacity, alignment: 16)
        let outBuffer = UnsafeMutableRawPointer.allocate(byteCount: outCapacity, alignment: 16)
        defer { inBuffer.deallocate(); outBuffer.deallocate() }

        var produced: UInt64 = 0
        var sawInput = false
        var lastResult = 0
        while true {
            let count: Int
            do { count = try FileIO.read(input, into: inBuffer, count: inCapacity) } catch {
                throw .invalid("\(error)")
            }
            if count == 0 { break }
            sawInput = true
            var source = ZSTD_inBuffer(src: inBuffer, size: count, pos: 0)
            while source.pos < source.size {
                var sink = ZSTD_outBuffer(dst: outBuffer, size: outCapacity, pos: 0)
                let result = ZSTD_decompressStream(context, &sink, &source)
                if ZSTD_isError(result) != 0 {
                    throw .invalid(String(cString: ZSTD_getErrorName(result)))
                }
                lastResult = result
                produced += UInt64(sink.pos)
                if produced > limit { throw .tooLarge }
                if sink.pos > 0 { try deliver(UnsafeRawBufferPointer(start: outBuffer, count: sink.pos)) }
            }
        }
        // Flush whatever the decoder still holds for input it has already consumed.
        while lastResult != 0 {
            var source = ZSTD_inBuffer(src: inBuffer, size: 0, pos: 0)
            var sink = ZSTD_outBuffer(dst: outBuffer, size: outCapacity, pos: 0)
            let result = ZSTD_decompressStream(context, &sink, &source)
            if ZSTD_isError(result) != 0 { throw .invalid(String(cString: ZSTD_getErrorName(result))) }
            if sink.pos == 0 { break }
            lastResult = result
            produced += UInt64(sink.pos)
            if produced > limit { throw .tooLarge }
            try deliver(UnsafeRawBufferPointer(start: outBuffer, count: sink.pos))
        }
        if !sawInput { throw .empty }
        if lastResult != 0 { throw .truncated }
        return produced
    }

    private static func check(_ code: Int) throws {
        if ZSTD_isError(code) != 0 {
            throw C1ZError.compression(detail: String(cString: ZSTD_getErrorName(code)))
        }
    }
}
