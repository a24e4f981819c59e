import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a c1z file into a plain SQLite file in a fresh temp directory, checking the envelope
/// (docs/baton-conventions.md, "Envelope") and enforcing the decoded-size cap both up front (the
/// seek table's total, or a single frame's content size) and while decoding.
enum C1ZDecoder {
    /// Returns the path of the decoded database inside a new directory under `tempDirectory`.
    /// The caller owns (and must delete) that directory; on error nothing is left behind.
    static func decode(path: String, tempDirectory: String?, limit: UInt64) throws -> (directory: String, database: String) {
        let base = tempDirectory ?? NSTemporaryDirectory()
        var template = Array((base as NSString).appendingPathComponent("c1z-read-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else {
            throw C1ZError.io(path: base, detail: "cannot create temp directory: \(String(cString: strerror(errno)))")
        }
        let directory = String(cString: created)
        let database = (directory as NSString).appendingPathComponent("c1z.db")
        do {
            try decode(path: path, into: database, limit: limit)
            return (directory, database)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Decodes `path` into a new file `database` (which must not exist). On error the partly
    /// written `database` is left for the caller, who owns its folder, to remove.
    static func decode(path: String, into database: String, limit: UInt64) throws {
        let input = try FileIO.open(path, flags: O_RDONLY)
        defer { FileIO.close(input) }

        // Magic plus enough of the first frame header to read its declared content size.
        let headerCount = 5 + 18
        var header = [UInt8](repeating: 0, count: headerCount)
        let got = try header.withUnsafeMutableBytes { try FileIO.readFully(input, into: $0.baseAddress!, count: headerCount) }
        if got == 0 { throw C1ZError.emptyFile(path: path) }
        guard got >= 5, Array(header[0..<5]) == C1ZFormat.magic else { throw C1ZError.badMagic(path: path) }
        if got == 5 { throw C1ZError.truncated(path: path) }
        // The whole image's size: from the seek table when the file ends with one, else what
        // the first frame declares (all of a single-frame file).
        let fileSize = try FileIO.fileSize(path)
        let declared =
            (try? ZstdSeekTable.read(input, fileSize: fileSize, payloadStart: 5))?.decompressedSize
            ?? header[5..<got].withUnsafeBytes { Zstd.declaredContentSize(prefix: $0) }
        if let declared, declared > limit { throw C1ZError.tooLarge(path: path, limitBytes: limit) }
        guard lseek(input, 5, SEEK_SET) == 5 else { throw C1ZError.io(path: path, detail: "seek failed") }

        let output = try FileIO.open(database, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
        defer { FileIO.close(output) }
        do {
            _ = try Zstd.decompress(input: input, output: output, limit: limit)
        } catch {
            switch error {
            case .invalid(let detail): throw C1ZError.invalidCompression(path: path, detail: detail)
            case .truncated, .empty: throw C1ZError.truncated(path: path)
            case .tooLarge: throw C1ZError.tooLarge(path: path, limitBytes: limit)
            }
        }
        try checkSQLiteImage(database, originalPath: path)
    }

    /// Verifies the SQLite header and clears the WAL flag SDK files may carry: no `-wal` file
    /// exists beside our copy, so rollback mode describes it exactly and lets us open read-only.
    private static func checkSQLiteImage(_ database: String, originalPath: String) throws {
        let fd = try FileIO.open(database, flags: O_RDWR)
        defer { FileIO.close(fd) }
        var header = [UInt8](repeating: 0, count: 100)
        let got = try header.withUnsafeMutableBytes { try FileIO.readFully(fd, into: $0.baseAddress!, count: 100) }
        guard got == 100, Array(header[0..<16]) == C1ZFormat.sqliteHeader else {
            throw C1ZError.notSQLite(path: originalPath)
        }
        if header[18] == 2 || header[19] == 2 {
            var rollback: [UInt8] = [1, 1]
            let written = rollback.withUnsafeMutableBytes { pwrite(fd, $0.baseAddress!, 2, 18) }
            if written != 2 { throw C1ZError.io(path: database, detail: "cannot clear WAL flag") }
        }
    }
}
