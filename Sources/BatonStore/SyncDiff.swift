import BatonProto
import Foundation
import GRDB

/// A resource as one sync holds it, with the name people know it by.
package struct DiffResource: Sendable, Equatable, Codable {
    package var resourceType: String
    package var resourceID: String
    package var displayName: String
}

/// An entitlement a grant was inherited through (grant expansion's `sources`), with its resource.
package struct DiffSource: Sendable, Equatable, Codable {
    package var entitlementID: String
    package var resourceType: String
    package var resourceID: String
    package var resourceName: String
}

/// A grant as one sync holds it, with the names of its entitlement, resource and principal
/// taken from that same sync.
package struct DiffGrant: Sendable, Equatable, Codable {
    package var grantID: String
    package var entitlementID: String
    package var entitlementName: String
    package var entitlementSlug: String
    /// The entitlement's resource.
    package var resourceType: String
    package var resourceID: String
    package var resourceName: String
    package var principalType: String
    package var principalID: String
    package var principalName: String
    /// Held directly (no expansion sources, or its own entitlement among them).
    package var isDirect: Bool
    /// The entitlements it is inherited through (expansion sources other than its own).
    package var inheritedThrough: [DiffSource]
}

/// What differs between two syncs of one file: resources (by type and id) only in the newer
/// or only in the older, and grants (by id) likewise. Found with SQL over the file (an
/// anti-join on each table's `(external_id, sync_id)` index), so only the changed rows are
/// ever decoded.
package struct SyncDiff: Sendable {
    package var older: SyncRun
    package var newer: SyncRun
    package var addedResources: [DiffResource]
    package var removedResources: [DiffResource]
    package var gainedGrants: [DiffGrant]
    package var lostGrants: [DiffGrant]
}

extension C1ZReader {
    /// The difference between the two newest finished full syncs (the pair `baton diff`
    /// compares), or nil when the file holds fewer than two.
    package func diffOfLatestSyncs() throws -> SyncDiff? {
        let fulls = try finishedFullSyncs()
        guard fulls.count >= 2 else { return nil }
        return try diff(from: fulls[fulls.count - 2], to: fulls[fulls.count - 1])
    }

    /// The difference from `older` to `newer` (both sync runs of this file).
    package func diff(from older: SyncRun, to newer: SyncRun) throws -> SyncDiff {
        do {
            return try database.read { db in
                var names = NameCache()
                let added = try onlyIn(C1ZSchema.resources, newer.syncID, notIn: older.syncID, db)
                let removed = try onlyIn(C1ZSchema.resources, older.syncID, notIn: newer.syncID, db)
                let gained = try onlyIn(C1ZSchema.grants, newer.syncID, notIn: older.syncID, db)
                let lost = try onlyIn(C1ZSchema.grants, older.syncID, notIn: newer.syncID, db)
                return SyncDiff(
                    older: older, newer: newer,
                    addedResources: try added.map { try resource($0) },
                    removedResources: try removed.map { try resource($0) },
                    gainedGrants: try gained.map { try grant($0, sync: newer.syncID, names: &names, db) },
                    lostGrants: try lost.map { try grant($0, sync: older.syncID, names: &names, db) })
            }
        } catch {
            throw failure(error)
        }
    }

    /// Rowid and blob of every row of `table` in sync `sync` whose external id sync `other` lacks.
    private func onlyIn(_ table: String, _ sync: String, notIn other: String, _ db: Database) throws -> [(Int64, [UInt8])] {
        guard tables.contains(table) else { return [] }
        let rows = try Row.fetchAll(
            db,
            sql: """
                select n.id, n.data from \(table) n
                where n.sync_id = ? and not exists (select 1 from \(table) o where o.external_id = n.external_id and o.sync_id = ?)
                order by n.id
                """, arguments: [sync, other])
        return rows.map { row in (row[0], [UInt8]((row[1] as Data?) ?? Data())) }
    }

    private func resource(_ row: (Int64, [UInt8])) throws -> DiffResource {
        let resource = try ProtoCoding.decode(C1_Connector_V2_Resource.self, row.1, table: C1ZSchema.resources, rowID: row.0)
        return DiffResource(
            resourceType: resource.id.resourceType, resourceID: resource.id.resource,
            displayName: resource.displayName.isEmpty ? resource.id.resource : resource.displayName)
    }

    private func grant(_ row: (Int64, [UInt8]), sync: String, names: inout NameCache, _ db: Database) throws -> DiffGrant {
        let grant = try ProtoCoding.decode(C1_Connector_V2_Grant.self, row.1, table: C1ZSchema.grants, rowID: row.0)
        let entitlement = try names.entitlement(grant.entitlement.id, sync: sync, db) ?? grant.entitlement
        let resourceID = entitlement.resource.id
        let principalID = grant.principal.id
        var through: [DiffSource] = []
        for source in grant.sources.sources.keys.sorted() where source != grant.entitlement.id {
            let via = try names.entitlement(source, sync: sync, db)
            let viaResource = via?.resource.id ?? C1_Connector_V2_ResourceId()
            through.append(
                DiffSource(
                    entitlementID: source, resourceType: viaResource.resourceType, resourceID: viaResource.resource,
                    resourceName: try names.resourceName(viaResource, sync: sync, db) ?? source))
        }
        return DiffGrant(
            grantID: grant.id, entitlementID: grant.entitlement.id,
            entitlementName: entitlement.displayName.isEmpty ? grant.entitlement.id : entitlement.displayName,
            entitlementSlug: entitlement.slug,
            resourceType: resourceID.resourceType, resourceID: resourceID.resource,
            resourceName: try names.resourceName(resourceID, sync: sync, db) ?? resourceID.resource,
            principalType: principalID.resourceType, principalID: principalID.resource,
            principalName: try names.resourceName(principalID, sync: sync, db)
                ?? (grant.principal.displayName.isEmpty ? principalID.resource : grant.principal.displayName),
            isDirect: grant.sources.sources.isEmpty || grant.sources.sources[grant.entitlement.id] != nil,
            inheritedThrough: through)
    }
}

/// Entitlements and resource names looked up once per sync while a diff is built.
private struct NameCache {
    var entitlements: [String: C1_Connector_V2_Entitlement?] = [:]
    var resourceNames: [String: String?] = [:]

    mutating func entitlement(_ id: String, sync: String, _ db: Database) throws -> C1_Connector_V2_Entitlement? {
        let key = sync + "\u{0}" + id
        if let cached = entitlements[key] { return cached }
        let row = try Row.fetchOne(
            db, sql: "select id, data from v1_entitlements where external_id = ? and sync_id = ?",
            arguments: [id, sync])
        let found = try row.map { row in
            try ProtoCoding.decode(
                C1_Connector_V2_Entitlement.self, [UInt8]((row[1] as Data?) ?? Data()),
                table: C1ZSchema.entitlements, rowID: row[0])
        }
        entitlements[key] = .some(found)
        return found
    }

    mutating func resourceName(_ id: C1_Connector_V2_ResourceId, sync: String, _ db: Database) throws -> String? {
        let external = C1ZRows.resourceExternalID(id)
        let key = sync + "\u{0}" + external
        if let cached = resourceNames[key] { return cached }
        let row = try Row.fetchOne(
            db, sql: "select id, data from v1_resources where external_id = ? and sync_id = ?",
            arguments: [external, sync])
        let name = try row.map { row in
            try ProtoCoding.decode(
                C1_Connector_V2_Resource.self, [UInt8]((row[1] as Data?) ?? Data()),
                table: C1ZSchema.resources, rowID: row[0]
            ).displayName
        }.flatMap { $0.isEmpty ? nil : $0 }
        resourceNames[key] = .some(name)
        return name
    }
}
