import Foundation

/// The earlier syncs a file holds, on the writer's side: bringing a copy of an existing file
/// (ours or the Go SDK's, of any age) to the current schema, and dropping the syncs
/// ``SyncRetention`` lets go once the new sync has finished.
enum C1ZHistory {
    /// Columns later SDKs added (readers add them too when they open a file), with the default
    /// older rows get. Our inserts name them, so an older file needs them first.
    static let addedColumns: [(table: String, column: String, definition: String)] = [
        (C1ZSchema.syncRuns, "sync_type", "text not null default 'full'"),
        (C1ZSchema.syncRuns, "parent_sync_id", "text not null default ''"),
        (C1ZSchema.syncRuns, "linked_sync_id", "text not null default ''"),
        (C1ZSchema.syncRuns, "supports_diff", "integer not null default 0"),
        (C1ZSchema.grants, "expansion", "blob"),
        (C1ZSchema.grants, "needs_expansion", "integer not null default 0"),
    ]

    /// Tables every sync's rows live in (each has a `sync_id` column).
    static let syncTables = [
        C1ZSchema.resourceTypes, C1ZSchema.resources, C1ZSchema.entitlements, C1ZSchema.grants,
        C1ZSchema.assets, C1ZSchema.connectorSessions, C1ZSchema.syncRuns,
    ]

    /// Brings a copied file to our schema: missing tables, then missing columns (some indexes
    /// name them), then missing indexes. The indexes built after the load are dropped here and
    /// rebuilt by `finish`, so the load does not keep them up to date row by row.
    static func prepare(_ connection: SQLiteConnection) throws {
        let tables = C1ZSchema.statements.filter { $0.hasPrefix("create table") }
        for statement in tables { try connection.execute(statement) }
        for added in addedColumns where try !columns(of: added.table, in: connection).contains(added.column) {
            try connection.execute("alter table \(added.table) add column \(added.column) \(added.definition)")
        }
        for statement in C1ZSchema.statements where !statement.hasPrefix("create table") {
            try connection.execute(statement)
        }
        for name in C1ZSchema.deferredIndexNames { try connection.execute("drop index if exists \(name)") }
    }

    /// Per table, the highest rowid and the row count before this sync writes anything.
    static func baseline(_ connection: SQLiteConnection, excludingSync syncID: String? = nil) throws -> (
        floor: [String: Int64], rows: [String: Int]
    ) {
        var floor: [String: Int64] = [:]
        var rows: [String: Int] = [:]
        for table in C1ZSchema.tableOrder {
            let statement = try connection.prepare(
                "select coalesce(max(id), 0), count(*) from \(table)" + (syncID == nil ? "" : " where sync_id != ?"))
            defer { statement.finalize() }
            if let syncID { statement.bind(1, syncID) }
            if try statement.step() {
                floor[table] = statement.int64(0)
                rows[table] = Int(statement.int64(1))
            }
        }
        return (floor, rows)
    }

    /// The newest finished full sync (by `ended_at`, as readers choose), if any.
    static func latestFullSync(_ connection: SQLiteConnection) throws -> String? {
        let statement = try connection.prepare(
            """
            select sync_id from v1_sync_runs where ended_at is not null and sync_type = 'full'
            order by ended_at desc limit 1
            """)
        defer { statement.finalize() }
        return try statement.step() ? statement.text(0) : nil
    }

    /// Every sync run, in the order written (rowid).
    static func runs(_ connection: SQLiteConnection) throws -> [SyncRun] {
        let statement = try connection.prepare(
            """
            select id, sync_id, started_at, ended_at, sync_type, linked_sync_id from v1_sync_runs order by id
            """)
        defer { statement.finalize() }
        var runs: [SyncRun] = []
        while try statement.step() {
            let started = statement.text(2) ?? ""
            let ended = statement.text(3)
            runs.append(
                SyncRun(
                    rowID: statement.int64(0), syncID: statement.text(1) ?? "", startedAt: C1ZTimestamp.parse(started),
                    endedAt: ended.flatMap(C1ZTimestamp.parse), startedAtText: started, endedAtText: ended, syncToken: "",
                    syncType: statement.text(4) ?? "full", parentSyncID: "", linkedSyncID: statement.text(5) ?? "",
                    supportsDiff: false))
        }
        return runs
    }

    /// Removes the syncs retention drops, with all their rows; returns their ids.
    static func removeExpired(_ connection: SQLiteConnection, keepCount: Int) throws -> [String] {
        let expired = SyncRetention.syncsToRemove(from: try runs(connection), keepCount: keepCount)
        guard !expired.isEmpty else { return [] }
        try connection.execute("begin")
        do {
            for table in syncTables {
                let statement = try connection.prepare("delete from \(table) where sync_id = ?")
                defer { statement.finalize() }
                for id in expired {
                    statement.bind(1, id)
                    try statement.run()
                    statement.reset()
                }
            }
            try connection.execute("commit")
        } catch {
            try? connection.execute("rollback")
            throw error
        }
        return expired
    }

    static func columns(of table: String, in connection: SQLiteConnection) throws -> Set<String> {
        let statement = try connection.prepare("select name from pragma_table_info('\(table)')")
        defer { statement.finalize() }
        var names: Set<String> = []
        while try statement.step() { if let name = statement.text(0) { names.insert(name) } }
        return names
    }
}
