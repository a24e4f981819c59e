import BatonStore
import Foundation
import GRDBSQLite

/// The floor of the c1z design for one file's contents: the same rows (same columns, same blob
/// sizes, same bytes) inserted into a fresh SQLite file through the C API in large
/// transactions, every index of the file built once after the load, then the image compressed
/// with zstd at our level. No upserts, no protobuf, no connector: what writing this file costs
/// at the least. Runs in a child process of its own (`segment-bench --floor-image`), so its
/// memory never counts in the scenario's peak.
struct FloorMeasurement {
    /// Reading the rows from the source image (measured alone, then taken out of `insertSeconds`).
    var readSeconds = 0.0
    /// Inserting every row (copy time minus read time).
    var insertSeconds = 0.0
    var indexSeconds = 0.0
    var compressSeconds = 0.0
    var rows = 0
    var imageBytes = 0
    var compressedBytes = 0
    var floorSeconds: Double { insertSeconds + indexSeconds + compressSeconds }

    static let rowsPerTransaction = 100_000

    /// Copies `image`'s rows into `work/floor.sqlite` and compresses it with `zstd -level`.
    static func measure(image: String, work: String, level: Int32) throws -> FloorMeasurement {
        let source = try Database(path: image, readOnly: true)
        let schema = try source.rows("select type, name, sql from sqlite_master where sql is not null order by rowid")
        let tables = schema.filter { $0[0] == "table" && !$0[1].hasPrefix("sqlite_") }
        let indexes = schema.filter { $0[0] == "index" }
        var result = FloorMeasurement()

        // 1. Read every row once (also brings the image into the page cache for the copy).
        var started = ContinuousClock.now
        for table in tables { result.rows += try source.forEachRow(of: table[1]) { _, _ in } }
        result.readSeconds = (ContinuousClock.now - started).benchSeconds

        // 2. The same rows into a fresh file: tables only, large transactions, the writer's pragmas.
        let floorPath = (work as NSString).appendingPathComponent("floor.sqlite")
        try? FileManager.default.removeItem(atPath: floorPath)
        let floor = try Database(path: floorPath, readOnly: false)
        try floor.execute(
            """
            pragma journal_mode = memory; pragma synchronous = off; pragma locking_mode = exclusive;
            pragma cache_size = -16384; pragma encoding = 'UTF-8';
            """)
        for table in tables { try floor.execute(table[2]) }
        started = ContinuousClock.now
        for table in tables {
            let columns = try source.columnCount(of: table[1])
            let insert = try floor.prepare(
                "insert into \(table[1]) values (\(Array(repeating: "?", count: Int(columns)).joined(separator: ",")))")
            defer { sqlite3_finalize(insert) }
            try floor.execute("begin")
            var inTransaction = 0
            _ = try source.forEachRow(of: table[1]) { row, count in
                for column in 0..<count { sqlite3_bind_value(insert, column + 1, sqlite3_column_value(row, column)) }
                guard sqlite3_step(insert) == SQLITE_DONE else { throw BenchError("floor insert: \(floor.message)") }
                sqlite3_reset(insert)
                inTransaction += 1
                if inTransaction == rowsPerTransaction {
                    try floor.execute("commit; begin")
                    inTransaction = 0
                }
            }
            try floor.execute("commit")
        }
        result.insertSeconds = max(0, (ContinuousClock.now - started).benchSeconds - result.readSeconds)

        // 3. Every index of the file, each built once by a sorted pass.
        started = ContinuousClock.now
        for index in indexes { try floor.execute(index[2]) }
        try floor.execute("pragma journal_mode = delete")
        floor.close()
        result.indexSeconds = (ContinuousClock.now - started).benchSeconds
        source.close()

        // 4. zstd at our level with the writer's own compression code (one thread, fsync at the end).
        let compressed = floorPath + ".zst"
        started = ContinuousClock.now
        try ImageCompression.compress(floorPath, to: compressed, level: level)
        result.compressSeconds = (ContinuousClock.now - started).benchSeconds
        result.imageBytes = try Subprocess.size(of: floorPath)
        result.compressedBytes = try Subprocess.size(of: compressed)
        try? FileManager.default.removeItem(atPath: floorPath)
        try? FileManager.default.removeItem(atPath: compressed)
        return result
    }

    var json: JSONLine {
        .object([
            ("floor_s", .seconds(floorSeconds)), ("insert_s", .seconds(insertSeconds)), ("index_s", .seconds(indexSeconds)),
            ("compress_s", .seconds(compressSeconds)), ("read_s", .seconds(readSeconds)), ("rows", .int(rows)),
            ("image_bytes", .int(imageBytes)), ("compressed_bytes", .int(compressedBytes)),
        ])
    }

    init() {}

    init(json: [String: Any]) {
        readSeconds = json["read_s"] as? Double ?? 0
        insertSeconds = json["insert_s"] as? Double ?? 0
        indexSeconds = json["index_s"] as? Double ?? 0
        compressSeconds = json["compress_s"] as? Double ?? 0
        rows = json["rows"] as? Int ?? 0
        imageBytes = json["image_bytes"] as? Int ?? 0
        compressedBytes = json["compressed_bytes"] as? Int ?? 0
    }
}

/// The few SQLite C calls the floor needs.
private final class Database {
    private var handle: OpaquePointer?

    init(path: String, readOnly: Bool) throws {
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        guard sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            throw BenchError("cannot open \(path): \(message)")
        }
    }

    var message: String { handle.map { String(cString: sqlite3_errmsg($0)) } ?? "no connection" }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw BenchError("\(sql.prefix(40)): \(message)") }
    }

    func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { throw BenchError("\(sql.prefix(40)): \(message)") }
        return statement
    }

    func rows(_ sql: String) throws -> [[String]] {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        var rows: [[String]] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            rows.append(
                (0..<sqlite3_column_count(statement)).map { column in
                    sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""
                })
        }
        return rows
    }

    func columnCount(of table: String) throws -> Int32 {
        let statement = try prepare("select * from \(table) limit 0")
        defer { sqlite3_finalize(statement) }
        return sqlite3_column_count(statement)
    }

    /// Calls `body` with each row of `table` in rowid order (every column's bytes touched); returns the count.
    func forEachRow(of table: String, _ body: (OpaquePointer?, Int32) throws -> Void) throws -> Int {
        let statement = try prepare("select * from \(table) order by rowid")
        defer { sqlite3_finalize(statement) }
        let columns = sqlite3_column_count(statement)
        var count = 0
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw BenchError("reading \(table): \(message)") }
            for column in 0..<columns { _ = sqlite3_column_bytes(statement, column) }
            try body(statement, columns)
            count += 1
        }
        return count
    }

    func close() {
        sqlite3_close_v2(handle)
        handle = nil
    }

    deinit { if handle != nil { close() } }
}
