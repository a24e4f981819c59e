import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The writer's private SQLite file in its own temp directory, loaded in batched transactions.
/// `release()` (also run by deinit) closes it and deletes the directory, so an abandoned writer
/// leaves nothing behind.
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

    init(tempDirectory: String?, rowsPerTransaction: Int) throws {
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
        do {
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
            for statement in C1ZSchema.statements { try connection.execute(statement) }
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            PendingFiles.unregister(registration)
            throw error
        }
    }

    deinit { release() }

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
    /// self-contained SQLite image.
    func seal() throws {
        try commit()
        for statement in statements.values { statement.finalize() }
        statements.removeAll()
        let mode = try connection.scalarText("pragma journal_mode = delete")
        guard mode?.lowercased() == "delete" else {
            throw C1ZError.database(path: path, detail: "could not switch to journal_mode=delete (got \(mode ?? "nil"))")
        }
        connection.close()
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
