import BatonProto

/// What a resumed sync reads back from its working copy: the connector's session values (kept
/// in `v1_connector_sessions` while the sync runs, so a resumed sync sees what the interrupted
/// process learned) and the stored resources in the order they were first written.
extension C1ZWriter {
    /// Stores connector session values of this sync (upserts by key), in the transaction the
    /// rows written next join, so a checkpoint written after them covers them too.
    public func putSessionValues(_ values: [(key: String, value: [UInt8])]) throws {
        guard !values.isEmpty else { return }
        let db = try open()
        let statement = try db.statement(
            """
            insert into v1_connector_sessions (sync_id, key, value) values (?, ?, ?)
            on conflict (sync_id, key) do update set value = excluded.value
            """)
        try db.beginWrite()
        for (key, value) in values {
            statement.bind(1, syncID)
            statement.bind(2, key)
            statement.bind(3, blob: value)
            try statement.run()
            try db.rowWritten()
        }
    }

    /// Every session value of this sync whose key starts with `prefix`, ordered by key.
    public func sessionValues(prefix: String) throws -> [(key: String, value: [UInt8])] {
        let db = try open()
        let statement = try db.statement(
            """
            select key, value from v1_connector_sessions where sync_id = ? and substr(key, 1, ?) = ? order by key
            """)
        defer { statement.reset() }
        statement.bind(1, syncID)
        statement.bind(2, Int64(prefix.utf8.count))
        statement.bind(3, prefix)
        var found: [(key: String, value: [UInt8])] = []
        while try statement.step() { found.append((statement.text(0) ?? "", statement.blob(1))) }
        return found
    }

    /// One page of this sync's resources as stored bytes, ordered by rowid (first-write order:
    /// an upsert keeps the row's id), so two processes walking them see the same order. The
    /// cursor is the last row's id; the scan starts past the rows of earlier syncs.
    public func storedResources(after cursor: Int64 = 0, limit: Int = 5_000) throws -> C1ZPage<C1ZStoredResource> {
        let db = try open()
        let statement = try db.statement(
            """
            select id, external_id, resource_type_id, data from v1_resources where sync_id = ? and id > ? order by id limit ?
            """)
        defer { statement.reset() }
        statement.bind(1, syncID)
        statement.bind(2, max(cursor, db.floor(C1ZSchema.resources)))
        statement.bind(3, Int64(max(1, limit)))
        var items: [C1ZStoredResource] = []
        var last = cursor
        while try statement.step() {
            last = statement.int64(0)
            items.append(
                C1ZStoredResource(externalID: statement.text(1) ?? "", resourceTypeID: statement.text(2) ?? "", data: statement.blob(3)))
        }
        return C1ZPage(items: items, nextCursor: items.count < max(1, limit) ? nil : last)
    }
}

/// A stored resource row: `<type>:<id>`, its type, and the serialized `Resource`.
public struct C1ZStoredResource: Sendable {
    /// `<resource type>:<resource id>`.
    public let externalID: String
    /// The resource type id.
    public let resourceTypeID: String
    /// The serialized `Resource`, as stored.
    public let data: [UInt8]
}
