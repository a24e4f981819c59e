import BatonStore
import Foundation

/// What a c1z holds, row by row (table, id and the bytes of the stored object), for comparing a
/// synced file with the reference sync of the same snapshot. Nil when the file does not decode
/// or holds no finished sync.
struct C1ZContents: Equatable {
    private var rows: [String: Int]

    static let tables = ["v1_resource_types", "v1_resources", "v1_entitlements", "v1_grants"]

    init?(path: String, scratch: String) {
        guard let reader = try? C1ZReader(path: path, options: C1ZReaderOptions(tempDirectory: scratch)) else { return nil }
        defer { reader.close() }
        guard let finished = try? reader.rawRows("select count(*) from v1_sync_runs where ended_at is not null and ended_at != ''"),
            finished.first?.first == "1"
        else { return nil }
        var rows: [String: Int] = [:]
        for table in Self.tables {
            guard let found = try? reader.rawRows("select external_id, data from \(table)") else { return nil }
            for row in found {
                var hasher = Hasher()
                hasher.combine(row.count > 1 ? row[1] : nil)
                rows["\(table)|\(row.first.flatMap { $0 } ?? "")"] = hasher.finalize()
            }
        }
        self.rows = rows
    }

    var count: Int { rows.count }
}
