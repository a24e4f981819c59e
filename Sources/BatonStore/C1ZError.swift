/// Everything that can go wrong reading or writing a c1z file. Descriptions are one line.
public enum C1ZError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is empty (0 bytes): the SDK's "no store yet", not a readable c1z.
    case emptyFile(path: String)
    /// The first five bytes are not `C1ZF\0`.
    case badMagic(path: String)
    /// The payload after the magic is not a valid zstd stream.
    case invalidCompression(path: String, detail: String)
    /// The zstd stream ends before its last frame is complete.
    case truncated(path: String)
    /// Decoding would exceed the configured cap (frame content size or bytes actually decoded).
    case tooLarge(path: String, limitBytes: UInt64)
    /// The decompressed payload is not a SQLite 3 database image.
    case notSQLite(path: String)
    /// SQLite refused the image or a query on it.
    case database(path: String, detail: String)
    /// A stored protobuf blob could not be decoded.
    case corruptRow(table: String, rowID: Int64, detail: String)
    /// Filesystem failure (temp dir missing, rename failed, disk full...).
    case io(path: String, detail: String)
    /// zstd compression failed while writing.
    case compression(detail: String)
    /// The writer was already finished or aborted.
    case writerClosed
    /// An object the `baton` CLI could not read back (missing id, entitlement or principal).
    case invalidRecord(detail: String)
    /// Another sync holds the destination's lock (`holder` is its pid, when it could be read).
    case locked(path: String, holder: Int32?)
    /// The destination cannot be written (missing folder, a directory, a folder refusing files).
    case destinationUnusable(path: String, detail: String)
    /// The file about to be renamed into place did not read back as the finished sync.
    case verificationFailed(path: String, detail: String)
    /// The destination exists but is not a c1z a sync can be added to; it is left as it is.
    case unreadableDestination(path: String, detail: String)

    /// The one-line message for people (never holds a secret).
    public var description: String {
        switch self {
        case .emptyFile(let path): "c1z: \(path) is empty (0 bytes), not a c1z file"
        case .badMagic(let path): "c1z: \(path) is not a c1z file (bad magic, expected C1ZF\\0)"
        case .invalidCompression(let path, let detail): "c1z: \(path) has an invalid zstd payload: \(detail)"
        case .truncated(let path): "c1z: \(path) is truncated (zstd stream ends mid-frame)"
        case .tooLarge(let path, let limit): "c1z: \(path) decompresses to more than the \(limit)-byte limit"
        case .notSQLite(let path): "c1z: \(path) does not contain a SQLite database"
        case .database(let path, let detail): "c1z: database error in \(path): \(detail)"
        case .corruptRow(let table, let rowID, let detail): "c1z: row \(rowID) of \(table) is not a valid protobuf: \(detail)"
        case .io(let path, let detail): "c1z: I/O error on \(path): \(detail)"
        case .compression(let detail): "c1z: zstd compression failed: \(detail)"
        case .writerClosed: "c1z: the writer is already finished or aborted"
        case .invalidRecord(let detail): "c1z: refusing to store \(detail)"
        case .locked(let path, let holder):
            "c1z: another sync (\(holder.map { "pid \($0)" } ?? "another process")) is writing \(path); wait for it, or pass --wait-for-lock"
        case .destinationUnusable(let path, let detail): "c1z: cannot write \(path): \(detail)"
        case .verificationFailed(let path, let detail):
            "c1z: the new \(path) did not verify (\(detail)); the previous file was left in place"
        case .unreadableDestination(let path, let detail):
            "c1z: cannot add a sync to \(path): \(detail); it was left untouched (move it away or pass another --file)"
        }
    }
}
