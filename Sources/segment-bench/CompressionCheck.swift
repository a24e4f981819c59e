import Foundation

/// How our c1z compares with a plain `zstd -3` of the same SQLite image.
struct CompressionCheck {
    let c1zBytes: Int
    let imageBytes: Int
    let zstd3Bytes: Int
    /// The decompressed image, left in the work directory for the floor (the caller deletes it).
    let imagePath: String
    var ratio: Double { zstd3Bytes == 0 ? 0 : Double(c1zBytes) / Double(zstd3Bytes) }

    /// Decompresses the c1z's zstd payload (after the 5-byte magic) with the zstd CLI, then
    /// compresses the image with `zstd -3`. Streams through files: nothing is held in memory.
    static func measure(c1z: String, workDirectory: String) throws -> CompressionCheck {
        let image = (workDirectory as NSString).appendingPathComponent("image.sqlite")
        let recompressed = image + ".zst"
        try Subprocess.run(["sh", "-c", "tail -c +6 \"$1\" | zstd -d -q -f -o \"$2\"", "sh", c1z, image])
        try Subprocess.run(["zstd", "-3", "-q", "-f", image, "-o", recompressed])
        let check = CompressionCheck(
            c1zBytes: try Subprocess.size(of: c1z), imageBytes: try Subprocess.size(of: image),
            zstd3Bytes: try Subprocess.size(of: recompressed), imagePath: image)
        try? FileManager.default.removeItem(atPath: recompressed)
        return check
    }
}
