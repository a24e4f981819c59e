import BatonProto

/// Column-only read-back for grant expansion: who holds an entitlement, without decoding blobs.
extension C1ZWriter {
    /// The principal of every stored grant of `entitlementID`, ordered by principal. Reads only the
    /// `(entitlement_id, principal_*)` index, no blob: this sync's rows are those past the rowid
    /// floor, and the rowid is part of every index entry.
    public func grantPrincipals(forEntitlement entitlementID: String) throws -> [C1_Connector_V2_ResourceId] {
        let db = try open()
        let statement = try db.statement(
            """
            select principal_resource_type_id, principal_resource_id from v1_grants indexed by idx_grants_entitlement_id_principal_id_v1
            where entitlement_id = ? and id > ?
            """)
        defer { statement.reset() }
        statement.bind(1, entitlementID)
        statement.bind(2, db.floor(C1ZSchema.grants))
        var principals: [C1_Connector_V2_ResourceId] = []
        while try statement.step() {
            var id = C1_Connector_V2_ResourceId()
            id.resourceType = statement.text(0) ?? ""
            id.resource = statement.text(1) ?? ""
            principals.append(id)
        }
        return principals
    }

    /// The last-written stored grant of `entitlementID` to `principal` (one indexed lookup), if any.
    public func latestGrant(forEntitlement entitlementID: String, principal: C1_Connector_V2_ResourceId) throws -> C1_Connector_V2_Grant? {
        let db = try open()
        let statement = try db.statement(
            """
            select id, data from v1_grants where entitlement_id = ? and principal_resource_type_id = ?
                and principal_resource_id = ? and sync_id = ? order by id desc limit 1
            """)
        defer { statement.reset() }
        statement.bind(1, entitlementID)
        statement.bind(2, principal.resourceType)
        statement.bind(3, principal.resource)
        statement.bind(4, syncID)
        guard try statement.step() else { return nil }
        return try ProtoCoding.decode(C1_Connector_V2_Grant.self, statement.blob(1), table: C1ZSchema.grants, rowID: statement.int64(0))
    }
}
