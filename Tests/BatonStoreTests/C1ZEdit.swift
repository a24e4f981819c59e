import Foundation

@testable import BatonStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Changes a c1z file in place with raw SQL (decode, run, re-encode), to build files no writer
/// of ours produces: an unfinished sync, a foreign sync type, a hostile row.
enum C1ZEdit {
    static func apply(_ path: String, _ sql: String) throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let database = dir.file("edit.db")
        try C1ZDecoder.decode(path: path, into: database, limit: 1 << 30)
        let connection = try SQLiteConnection(path: database)
        try connection.execute(sql)
        connection.close()
        let size = try FileIO.fileSize(database)
        let input = try FileIO.open(database, flags: O_RDONLY)
        let encoded = dir.file("edit.zst")
        let output = try FileIO.open(encoded, flags: O_WRONLY | O_CREAT | O_TRUNC)
        try Zstd.compress(input: input, size: size, output: output, level: 3)
        FileIO.close(input)
        FileIO.close(output)
        try Data(C1ZFormat.magic + [UInt8](try Data(contentsOf: URL(fileURLWithPath: encoded))))
            .write(to: URL(fileURLWithPath: path))
    }

    /// `select sync_id, count(*) ... group by sync_id` for one table, as a dictionary.
    static func rowsPerSync(_ reader: C1ZReader, _ table: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try reader.rawRows("select sync_id, count(*) from \(table) group by sync_id") {
            counts[row[0] ?? ""] = Int(row[1] ?? "0")
        }
        return counts
    }
}
