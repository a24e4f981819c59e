import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the envelope (§1.1) atomically: magic + one zstd frame into `<path>.tmp` beside the
/// destination, fsync, rename over the destination, fsync the directory.
enum C1ZOutput {
    static func write(image: String, to destination: String, level: Int32) throws {
        let temporary = destination + ".tmp"
        let directory = (destination as NSString).deletingLastPathComponent
        let size = try FileIO.fileSize(image)
        let input = try FileIO.open(image, flags: O_RDONLY)
        defer { FileIO.close(input) }
        let output = try FileIO.open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC)
        var renamed = false
        defer {
            if !renamed { FileIO.removeIfPresent(temporary) }
        }
        do {
            try C1ZFormat.magic.withUnsafeBytes { try FileIO.writeAll(output, from: $0.baseAddress!, count: $0.count) }
            try Zstd.compress(input: input, size: size, output: output, level: level)
            try FileIO.fsync(output, path: temporary)
        } catch {
            FileIO.close(output)
            throw error
        }
        FileIO.close(output)
        try Task.checkCancellation()
        try FileIO.rename(temporary, to: destination)
        renamed = true
        try FileIO.fsyncDirectory(directory.isEmpty ? "." : directory)
    }
}
