import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes the envelope (magic, the image's zstd frames, their seek table) into the pending
/// temporary file, fsyncs it, and reads it back before anything is renamed into place: the frames
/// must decode to exactly the sealed image, which holds the finished sync, and the seek table
/// must describe them.
enum C1ZOutput {
    /// Returns how long compressing (with the fsync) and verifying took.
    @discardableResult
    static func write(
        image: String, into output: PendingOutput, level: Int32, frameSize: Int = C1ZFormat.frameSize
    ) throws -> (compressSeconds: Double, verifySeconds: Double) {
        let started = ContinuousClock.now
        let size = try FileIO.fileSize(image)
        let input = try FileIO.open(image, flags: O_RDONLY)
        defer { FileIO.close(input) }
        let fd = output.descriptor
        try C1ZFormat.magic.withUnsafeBytes { try FileIO.writeAll(fd, from: $0.baseAddress!, count: $0.count) }
        try Zstd.compress(input: input, size: size, output: fd, level: level, frameSize: frameSize)
        try output.adoptAttributesOfDestination()
        try FileIO.fsync(fd, path: output.temporary)
        let compressed = ContinuousClock.now
        try verify(output.temporary, decodesTo: image, destination: output.destination)
        return ((compressed - started).c1zSeconds, (ContinuousClock.now - compressed).c1zSeconds)
    }

    /// Checks that `file` is magic + a zstd stream decoding to exactly the bytes of `image`,
    /// ending with a seek table of its frames.
    static func verify(_ file: String, decodesTo image: String, destination: String) throws {
        let compressed = try FileIO.open(file, flags: O_RDONLY)
        defer { FileIO.close(compressed) }
        let original = try FileIO.open(image, flags: O_RDONLY)
        defer { FileIO.close(original) }
        var magic = [UInt8](repeating: 0, count: C1ZFormat.magic.count)
        let got = try magic.withUnsafeMutableBytes { try FileIO.readFully(compressed, into: $0.baseAddress!, count: $0.count) }
        guard got == magic.count, magic == C1ZFormat.magic else {
            throw C1ZError.verificationFailed(path: destination, detail: "bad magic")
        }
        let expected = try FileIO.fileSize(image)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 17, alignment: 16)
        defer { buffer.deallocate() }
        let produced: UInt64
        do {
            produced = try Zstd.decompress(input: compressed, limit: expected) { chunk throws(Zstd.DecodeFailure) in
                var offset = 0
                while offset < chunk.count {
                    let step = min(chunk.count - offset, 1 << 17)
                    let read: Int
                    do { read = try FileIO.readFully(original, into: buffer, count: step) } catch { throw .invalid("\(error)") }
                    guard read == step, memcmp(buffer, chunk.baseAddress! + offset, step) == 0 else {
                        throw .invalid("decoded bytes differ from the sealed image")
                    }
                    offset += step
                }
            }
        } catch {
            throw C1ZError.verificationFailed(path: destination, detail: "\(error)")
        }
        guard produced == expected else {
            throw C1ZError.verificationFailed(path: destination, detail: "decoded \(produced) of \(expected) bytes")
        }
        // Readers in place trust the seek table: it must describe exactly these frames.
        let table: ZstdSeekTable
        let fileSize = try FileIO.fileSize(file)
        do {
            table = try ZstdSeekTable.read(compressed, fileSize: fileSize, payloadStart: UInt64(C1ZFormat.magic.count))
        } catch {
            throw C1ZError.verificationFailed(path: destination, detail: error.description)
        }
        guard table.decompressedSize == expected else {
            throw C1ZError.verificationFailed(
                path: destination, detail: "the seek table holds \(table.decompressedSize) of \(expected) bytes")
        }
    }
}
