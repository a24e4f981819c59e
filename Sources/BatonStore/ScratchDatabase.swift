import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The writer's private SQLite file in its own temp directory, loaded in batched transactions.
/// It starts empty, or (`seed`) as a copy of the file the sync will replace, so the earlier
/// syncs it holds stay in the result. `release()` (also run by deinit) closes it and deletes the
/// directory, so an abandoned writer leaves nothing behind.
final class ScratchDatabase {
    let directory: String
    let path: String
    let connection: SQLiteConnection
    private var statements: [String: SQLiteStatement] = [:]
    private var rowsInTransaction = 0
    private var inTransaction = false
    private let rowsPerTransaction: Int
    private var released = false
    private let registration: Int
    /// What the seed held before this sync: per table, its highest rowid and its row count.
    /// Rows this sync writes get higher rowids (upserts only ever meet rows of the same sync),
    /// so `id > floor` selects exactly this sync's rows, from any index (the rowid is in each).
    private(set) var rowFloor: [String: Int64] = [:]
    private(set) var seededRows: [String: Int] = [:]
    /// True when the database began as a copy of an existing file.
    let seeded: Bool

    /// `seed`: an existing c1z to start from (its sync runs and rows are kept); nil = empty.
    init(tempDirectory: String?, rowsPerTransaction: Int, seed: String? = nil, maxSeedSize: UInt64 = C1ZFormat.defaultMaxDecodedSize) throws {
        let base = tempDirectory ?? NSTemporaryDirectory()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw C1ZError.io(path: base, detail: "temp directory does not exist")
        }
        // The owner's pid is in the name so a later sync can sweep folders a killed one left.
        StaleFiles.sweepScratch(in: base)
        var template = Array(StaleFiles.scratchTemplate(in: base).utf8CString)
        guard let created = mkdtemp(&template) else {
            throw C1ZError.io(path: base, detail: "cannot create scratch directory: \(String(cString: strerror(errno)))")
        }
        directory = String(cString: created)
        registration = PendingFiles.register(directory, isDirectory: true)
        path = (directory as NSString).appendingPathComponent("sync.db")
        self.rowsPerTransaction = rowsPerTransaction
        seeded = seed != nil
        do {
            if let seed {
                do {
                    try C1ZDecoder.decode(path: seed, into: path, limit: maxSeedSize)
                } catch let error as C1ZError {
                    throw C1ZError.unreadableDestination(path: seed, detail: Self.reason(error))
                }
            }
            connection = try SQLiteConnection(path: path)
            // Bulk-load tuning: the scratch file is thrown away on failure, so durability
            // during the load buys nothing. The memory journal still allows rollback.
            try connection.execute("""
                pragma journal_mode = memory;
                pragma synchronous = off;
                pragma locking_mode = exclusive;
                pragma cache_size = -16384;
                pragma encoding = 'UTF-8';
                """)
            if let seed {
                do {
                    try C1ZHistory.prepare(connection)
                } catch let error as C1ZError {
                    throw C1ZError.unreadableDestination(path: seed, detail: Self.reason(error))
                }
                (rowFloor, seededRows) = try C1ZHistory.baseline(connection)
            } else {
                for statement in C1ZSchema.statements { try connection.execute(statement) }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            PendingFiles.unregister(registration)
            throw error
        }
    }

    deinit { release() }

    /// An error's text without the `c1z: ` prefix, to nest it in another message.
    private static func reason(_ error: C1ZError) -> String {
        let text = error.description
        return text.hasPrefix("c1z: ") ? String(text.dropFirst(5)) : text
    }

    /// The lowest rowid this sync's rows can have in `table`, minus one.
    func floor(_ table: String) -> Int64 { rowFloor[table] ?? 0 }

    /// A cached prepared statement for `sql`.
    func statement(_ sql: String) throws -> SQLiteStatement {
        if let cached = statements[sql] { return cached }
        let prepared = try connection.prepare(sql)
        statements[sql] = prepared
        return prepared
    }

    /// Opens a transaction when none is open (called before each write).
    func beginWrite() throws {
        if !inTransaction {
            try connection.execute("begin")
            inTransaction = true
        }
    }

    /// Counts a written row and commits once the batch is full.
    func rowWritten() throws {
        rowsInTransaction += 1
        if rowsInTransaction >= rowsPerTransaction { try commit() }
    }

    func commit() throws {
        guard inTransaction else { return }
        try connection.execute("commit")
        inTransaction = false
        rowsInTransaction = 0
    }

    /// Commits, switches the file to rollback-journal mode and closes it: the file is then a
    /// self-contained SQLite image. `compact` rewrites it without free pages first (after
    /// earlier syncs were dropped), into a copy in the same folder that then takes its place.
    func seal(compact: Bool = false) throws {
        try commit()
        for statement in statements.values { statement.finalize() }
        statements.removeAll()
        let mode = try connection.scalarText("pragma journal_mode = delete")
        guard mode?.lowercased() == "delete" else {
            throw C1ZError.database(path: path, detail: "could not switch to journal_mode=delete (got \(mode ?? "nil"))")
        }
        let compacted = (directory as NSString).appendingPathComponent("compact.db")
        if compact {
            try connection.execute("vacuum into '\(compacted.replacingOccurrences(of: "'", with: "''"))'")
        }
        connection.close()
        if compact {
            try FileIO.rename(compacted, to: path)
        }
        for suffix in ["-wal", "-journal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            throw C1ZError.database(path: path, detail: "leftover \(suffix) file after close")
        }
    }

    /// Closes everything and deletes the scratch directory. Idempotent.
    func release() {
        guard !released else { return }
        released = true
        for statement in statements.values { statement.finalize() }
        statements.removeAll()
        connection.close()
        try? FileManager.default.removeItem(atPath: directory)
        PendingFiles.unregister(registration)
    }
}
