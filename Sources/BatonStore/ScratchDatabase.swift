import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The writer's SQLite database, in the destination's ``WorkingCopy``, loaded in batched
/// transactions. A new sync's database starts empty, or (`seed`) as a copy of the file the sync
/// will replace, so the earlier syncs it holds stay in the result. It is durable against the
/// process being killed (write-ahead log; SQLite rolls back a half-written transaction when the
/// file is next opened), so a crashed sync's committed rows and checkpoint are still there for
/// the next sync to resume. `release()` (also run by deinit) closes it and deletes the working
/// copy; `suspend()` closes it and keeps it.
final class ScratchDatabase {
    let workingCopy: WorkingCopy
    var path: String { workingCopy.database }
    let connection: SQLiteConnection
    private var statements: [String: SQLiteStatement] = [:]
    private var rowsInTransaction = 0
    private var inTransaction = false
    private let rowsPerTransaction: Int
    private var released = false
    /// Set by `suspend()`: the working copy outlives this object.
    private var kept = false
    private let registration: Int
    /// What the seed held before this sync: per table, its highest rowid and its row count.
    /// Rows this sync writes get higher rowids (upserts only ever meet rows of the same sync),
    /// so `id > floor` selects exactly this sync's rows, from any index (the rowid is in each).
    private(set) var rowFloor: [String: Int64] = [:]
    private(set) var seededRows: [String: Int] = [:]
    /// True when the database began as a copy of an existing file.
    let seeded: Bool

    /// Opens the working copy's database. When `fresh`, whatever was there is removed and a new
    /// database is made: a copy of `seed` (an existing c1z whose sync runs and rows are kept) or
    /// an empty one. Otherwise it is the one a previous process left, as it was.
    init(
        workingCopy: WorkingCopy, fresh: Bool, rowsPerTransaction: Int, seed: String? = nil,
        maxSeedSize: UInt64 = C1ZFormat.sdkMaxDecodedSize
    ) throws {
        let base = (workingCopy.directory as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base.isEmpty ? "." : base, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw C1ZError.io(path: base, detail: "temp directory does not exist")
        }
        // Folders of older versions carry their owner's pid; sweep those whose owner is gone.
        StaleFiles.sweepScratch(in: base.isEmpty ? "." : base)
        self.workingCopy = workingCopy
        if fresh {
            workingCopy.remove()
            try workingCopy.create()
        }
        registration = PendingFiles.register(workingCopy.directory, isDirectory: true, keepOnInterruption: true)
        self.rowsPerTransaction = rowsPerTransaction
        seeded = fresh && seed != nil
        do {
            if fresh, let seed {
                do {
                    try C1ZDecoder.decode(path: seed, into: workingCopy.database, limit: maxSeedSize)
                } catch let error as C1ZError {
                    throw C1ZError.unreadableDestination(path: seed, detail: Self.reason(error))
                }
            }
            connection = try SQLiteConnection(path: workingCopy.database)
            // Exclusive locking before WAL: the log then needs no shared-memory file. No fsync
            // (synchronous off): a killed process loses nothing the OS already has; a power cut
            // may lose the copy, which the next sync then finds unreadable and starts over.
            try connection.execute(
                """
                pragma locking_mode = exclusive;
                pragma journal_mode = wal;
                pragma synchronous = off;
                pragma cache_size = -16384;
                pragma encoding = 'UTF-8';
                """)
            if !fresh {
                // A resumed copy was prepared when its sync began; its floors are set by
                // `excludeFromBaseline(sync:)` once the writer knows which sync it resumes.
            } else if let seed {
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
            workingCopy.remove()
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

    /// For a resumed working copy: the floors and counts of every row but `syncID`'s, which
    /// were written above the rows copied from the destination when that sync began.
    func excludeFromBaseline(sync syncID: String) throws {
        (rowFloor, seededRows) = try C1ZHistory.baseline(connection, excludingSync: syncID)
    }

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
        let compacted = (workingCopy.directory as NSString).appendingPathComponent("compact.db")
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

    /// Closes everything and deletes the working copy (unless suspended). Idempotent.
    func release() {
        close()
        if !kept { workingCopy.remove() }
    }

    /// Closes the database as a crash would leave it: the open transaction is rolled back (rows
    /// since the last commit are lost) and the working copy is kept for a later sync to resume.
    /// Idempotent.
    func suspend() {
        if !released, inTransaction { try? connection.execute("rollback") }
        inTransaction = false
        kept = true
        close()
    }

    private func close() {
        guard !released else { return }
        released = true
        for statement in statements.values { statement.finalize() }
        statements.removeAll()
        connection.close()
        PendingFiles.unregister(registration)
    }
}
