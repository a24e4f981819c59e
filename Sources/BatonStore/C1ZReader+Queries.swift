import Foundation
import GRDB
import SwiftProtobuf

extension C1ZReader {
    /// Rows of `table` in the list sync (or all rows), ordered by rowid. Missing tables read as empty.
    func list<M: SwiftProtobuf.Message>(
        _ table: String, filter: String? = nil, arguments: [String] = [],
        limit: Int? = nil
    ) throws -> [M] {
        guard tables.contains(table) else { return [] }
        var conditions: [String] = []
        var values: [String] = []
        if let syncID {
            conditions.append("sync_id = ?")
            values.append(syncID)
        }
        if let filter {
            conditions.append(filter)
            values += arguments
        }
        let whereClause = conditions.isEmpty ? "" : "where " + conditions.joined(separator: " and ")
        let limitClause = limit.map { " limit \(max($0, 0))" } ?? ""
        return try fetch(table, sql: "select id, data from \(table) \(whereClause) order by id\(limitClause)", values: values)
    }

    /// The row of `table` with this external id in the lookup sync.
    func lookup<M: SwiftProtobuf.Message>(_ table: String, externalID: String) throws -> M? {
        guard tables.contains(table) else { return nil }
        var sql = "select id, data from \(table) where external_id = ?"
        var values = [externalID]
        if let lookupSyncID {
            sql += " and sync_id = ?"
            values.append(lookupSyncID)
        }
        let rows: [M] = try fetch(table, sql: sql + " order by id desc limit 1", values: values)
        return rows.first
    }

    private func fetch<M: SwiftProtobuf.Message>(_ table: String, sql: String, values: [String]) throws -> [M] {
        do {
            return try database.read { db in
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(values))
                var items: [M] = []
                while let row = try cursor.next() {
                    let rowID: Int64 = row[0]
                    let data: Data = row[1] ?? Data()
                    items.append(try ProtoCoding.decode(M.self, [UInt8](data), table: table, rowID: rowID))
                }
                return items
            }
        } catch {
            throw failure(error)
        }
    }

    static func fetchSyncRuns(_ database: DatabaseQueue, tables: Set<String>, path: String, image: SeekableImage?) throws -> [SyncRun] {
        guard tables.contains(C1ZSchema.syncRuns) else { return [] }
        do {
            return try database.read { db in
                // Older files lack the later columns: read what exists, default the rest.
                let columns = Set(try db.columns(in: C1ZSchema.syncRuns).map(\.name))
                func column(_ name: String, _ fallback: String) -> String { columns.contains(name) ? name : fallback }
                let sql = """
                    select id, sync_id, started_at, ended_at, sync_token,
                           \(column("sync_type", "'full'")), \(column("parent_sync_id", "''")),
                           \(column("linked_sync_id", "''")), \(column("supports_diff", "0"))
                    from v1_sync_runs order by id
                    """
                return try Row.fetchAll(db, sql: sql).map { row in
                    let started: String = Self.text(row[2]) ?? ""
                    let ended: String? = Self.text(row[3])
                    return SyncRun(
                        rowID: row[0], syncID: Self.text(row[1]) ?? "",
                        startedAt: C1ZTimestamp.parse(started), endedAt: ended.flatMap(C1ZTimestamp.parse),
                        startedAtText: started, endedAtText: ended, syncToken: Self.text(row[4]) ?? "",
                        syncType: Self.text(row[5]) ?? "full", parentSyncID: Self.text(row[6]) ?? "",
                        linkedSyncID: Self.text(row[7]) ?? "", supportsDiff: (row[8] as Int64?) == 1)
                }
            }
        } catch {
            throw failure(error, path: path, image: image)
        }
    }

    /// The sync readers pick: latest finished full sync; else newest unfinished sync started within 7 days; else nil.
    static func listSync(_ runs: [SyncRun], now: Date = Date()) -> String? {
        if let full = runs.filter({ $0.isFinished && $0.syncType == "full" })
            .max(by: { ($0.endedAtText ?? "") < ($1.endedAtText ?? "") })
        {
            return full.syncID
        }
        let recent = runs.filter { run in
            !run.isFinished && (run.startedAt.map { now.timeIntervalSince($0) <= 7 * 24 * 3600 } ?? false)
        }
        return recent.max { ($0.startedAt ?? .distantPast) < ($1.startedAt ?? .distantPast) }?.syncID
    }

    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .string(let text): text
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .blob(let data): String(decoding: data, as: UTF8.self)
        case .null: nil
        }
    }

    private static func text(_ value: DatabaseValueConvertible?) -> String? {
        guard let value else { return nil }
        return text(value.databaseValue)
    }

    /// One line from a GRDB/SQLite error.
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode)"
        }
        return "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
    }
}

extension C1ZReader {
    /// Runs any read-only SQL on the decoded image and returns every column as text (NULL = nil).
    /// For inspection tools and tests (schema checks with PRAGMA table_info and friends).
    public func rawRows(_ sql: String) throws -> [[String?]] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: sql).map { row in
                    row.databaseValues.map { value -> String? in
                        switch value.storage {
                        case .null: nil
                        case .int64(let number): String(number)
                        case .double(let number): String(number)
                        case .string(let text): text
                        case .blob(let data): data.map { String(format: "%02x", $0) }.joined()
                        }
                    }
                }
            }
        } catch {
            throw failure(error)
        }
    }
}
