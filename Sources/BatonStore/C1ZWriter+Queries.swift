import BatonProto
import SwiftProtobuf

/// Read-back of the sync being written, for the engine's later steps (entitlements and grants
/// per stored resource, grant expansion). Reads see rows of the open transaction.
extension C1ZWriter {
    /// All stored resource types, in insertion order.
    public func resourceTypes() throws -> [C1_Connector_V2_ResourceType] {
        try all { after, limit in
            try self.page(C1_Connector_V2_ResourceType.self, table: C1ZSchema.resourceTypes, filter: "", after: after, limit: limit)
        }
    }

    /// One page of stored resources (optionally of one type), ordered by rowid.
    public func resources(ofType resourceTypeID: String? = nil, after cursor: Int64 = 0, limit: Int = 1_000) throws -> C1ZPage<
        C1_Connector_V2_Resource
    > {
        if let resourceTypeID {
            return try page(
                C1_Connector_V2_Resource.self, table: C1ZSchema.resources, filter: "and resource_type_id = ?",
                binds: [resourceTypeID], after: cursor, limit: limit)
        }
        return try page(C1_Connector_V2_Resource.self, table: C1ZSchema.resources, filter: "", after: cursor, limit: limit)
    }

    /// The stored resource with this id, if any.
    public func resource(id: C1_Connector_V2_ResourceId) throws -> C1_Connector_V2_Resource? {
        try one(C1_Connector_V2_Resource.self, table: C1ZSchema.resources, externalID: C1ZRows.resourceExternalID(id))
    }

    /// The stored entitlement with this id, if any.
    public func entitlement(id: String) throws -> C1_Connector_V2_Entitlement? {
        try one(C1_Connector_V2_Entitlement.self, table: C1ZSchema.entitlements, externalID: id)
    }

    /// The stored grant with this id, if any.
    public func grant(id: String) throws -> C1_Connector_V2_Grant? {
        try one(C1_Connector_V2_Grant.self, table: C1ZSchema.grants, externalID: id)
    }

    /// Every stored grant of an entitlement, ordered by rowid.
    public func grants(forEntitlement entitlementID: String) throws -> [C1_Connector_V2_Grant] {
        try all { after, limit in
            try self.page(
                C1_Connector_V2_Grant.self, table: C1ZSchema.grants, filter: "and entitlement_id = ?",
                binds: [entitlementID], after: after, limit: limit)
        }
    }

    /// The stored grants of an entitlement to one principal (normally zero or one).
    public func grants(forEntitlement entitlementID: String, principal: C1_Connector_V2_ResourceId) throws -> [C1_Connector_V2_Grant] {
        try all { after, limit in
            try self.page(
                C1_Connector_V2_Grant.self, table: C1ZSchema.grants,
                filter: "and entitlement_id = ? and principal_resource_type_id = ? and principal_resource_id = ?",
                binds: [entitlementID, principal.resourceType, principal.resource], after: after, limit: limit)
        }
    }

    /// One page of stored grants carrying a `GrantExpandable` annotation, ordered by rowid.
    /// (Pre-filtered in SQL on the annotation's type name inside the blob, then checked decoded.)
    public func expandableGrants(after cursor: Int64 = 0, limit: Int = 1_000) throws -> C1ZPage<C1_Connector_V2_Grant> {
        var next: Int64? = cursor
        var found: [C1_Connector_V2_Grant] = []
        while let start = next, found.count < limit {
            let scanned = try page(
                C1_Connector_V2_Grant.self, table: C1ZSchema.grants, filter: "and instr(data, ?) > 0",
                binds: [ProtoCoding.grantExpandableMarker], after: start, limit: limit - found.count)
            found += scanned.items.filter { ProtoCoding.grantExpandable(of: $0) != nil }
            next = scanned.nextCursor
            if found.count >= limit { return C1ZPage(items: found, nextCursor: next) }
        }
        return C1ZPage(items: found, nextCursor: nil)
    }

    /// Row counts of this sync so far. Rows of earlier syncs do not change while this one is
    /// written, so this sync's count is the table's `count(*)` minus the rows it began with, and
    /// SQLite answers `count(*)` from the smallest index instead of scanning every row's blob
    /// (gigabytes at the end of a large sync).
    public func counts() throws -> C1ZCounts {
        let db = try open()
        func count(_ table: String) throws -> Int {
            let statement = try db.statement("select count(*) from \(table)")
            defer { statement.reset() }
            return try (statement.step() ? Int(statement.int64(0)) : 0) - (db.seededRows[table] ?? 0)
        }
        return C1ZCounts(
            resourceTypes: try count(C1ZSchema.resourceTypes), resources: try count(C1ZSchema.resources),
            entitlements: try count(C1ZSchema.entitlements), grants: try count(C1ZSchema.grants))
    }

    // MARK: - Helpers

    private func one<M: SwiftProtobuf.Message>(_ type: M.Type, table: String, externalID: String) throws -> M? {
        let db = try open()
        let statement = try db.statement("select id, data from \(table) where external_id = ? and sync_id = ?")
        defer { statement.reset() }
        statement.bind(1, externalID)
        statement.bind(2, syncID)
        guard try statement.step() else { return nil }
        return try ProtoCoding.decode(M.self, statement.blob(1), table: table, rowID: statement.int64(0))
    }

    /// A page of rows with `id > after` in this sync; `filter` is extra SQL starting with `and`.
    /// Cursors start past the rows of earlier syncs (`ScratchDatabase.floor`), so a scan never
    /// reads them.
    private func page<M: SwiftProtobuf.Message>(
        _ type: M.Type, table: String, filter: String, binds: [String] = [], after: Int64, limit: Int
    ) throws -> C1ZPage<M> {
        let db = try open()
        let statement = try db.statement("select id, data from \(table) where sync_id = ? \(filter) and id > ? order by id limit ?")
        defer { statement.reset() }
        statement.bind(1, syncID)
        var index: Int32 = 2
        for value in binds {
            statement.bind(index, value)
            index += 1
        }
        statement.bind(index, max(after, db.floor(table)))
        statement.bind(index + 1, Int64(max(1, limit)))
        var items: [M] = []
        var last = after
        while try statement.step() {
            last = statement.int64(0)
            items.append(try ProtoCoding.decode(M.self, statement.blob(1), table: table, rowID: last))
        }
        return C1ZPage(items: items, nextCursor: items.count < max(1, limit) ? nil : last)
    }

    private func all<M>(_ fetch: (Int64, Int) throws -> C1ZPage<M>) throws -> [M] {
        var items: [M] = []
        var cursor: Int64? = 0
        while let after = cursor {
            let next = try fetch(after, 1_000)
            items += next.items
            cursor = next.nextCursor
        }
        return items
    }
}
