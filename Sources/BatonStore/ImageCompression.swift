import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The writer's compression step on its own: one file into its run of zstd frames and their seek
/// table (no c1z magic), with the same code, buffers and parameters `C1ZWriter.finish` uses.
/// The benchmark compresses its floor image with it, so the floor pays exactly what our
/// compression costs.
package enum ImageCompression {
    /// Compresses `source` into `destination` (created or truncated) at `level`.
    package static func compress(
        _ source: String, to destination: String,
        level: Int32 = C1ZFormat.defaultCompressionLevel
    ) throws {
        let size = try FileIO.fileSize(source)
        let input = try FileIO.open(source, flags: O_RDONLY)
        defer { FileIO.close(input) }
        let output = try FileIO.open(destination, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: 0o600)
        defer { FileIO.close(output) }
        try Zstd.compress(input: input, size: size, output: output, level: level)
        try FileIO.fsync(output, path: destination)
    }
}
