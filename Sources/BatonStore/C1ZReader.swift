import BatonProto
import Foundation
import GRDB
import SwiftProtobuf

/// Options for opening a c1z file.
public struct C1ZReaderOptions: Sendable {
    /// Refuse files whose SQLite image is larger than this (default 3 GiB, like the CLI).
    public var maxDecodedSize: UInt64
    /// Where the decoded copy goes (the CLI's `--c1z-temp-dir`); nil = system temp.
    public var tempDirectory: String?
    /// Read this sync instead of choosing one.
    public var syncID: String?

    /// A decoded-size cap (the CLI's 3 GiB by default), where to decompress, and the sync to read (nil: the one readers pick).
    public init(maxDecodedSize: UInt64 = C1ZFormat.defaultMaxDecodedSize, tempDirectory: String? = nil, syncID: String? = nil) {
        self.maxDecodedSize = maxDecodedSize
        self.tempDirectory = tempDirectory
        self.syncID = syncID
    }
}

/// Reads c1z v1 files, ours or the Go SDK's. The file is decoded to a private temp copy and
/// opened read-only; `close()` (or deinit) deletes the copy.
///
/// Lists use the sync readers choose: the latest finished `full` sync, else the newest
/// unfinished sync started in the last 7 days, else no sync filter. Single-object lookups use
/// the latest finished `full` sync too (a newer partial sync holds only a few objects, and
/// provisioning must find everything the list shows), else the latest finished sync of any
/// type, else the list sync. See docs/baton-conventions.md, "Which sync a reader picks".
public final class C1ZReader: Sendable {
    /// The c1z file this reader opened.
    public let path: String
    /// The sync lists read, nil = all rows.
    public let syncID: String?
    /// The sync single-object lookups read, nil = all rows.
    public let lookupSyncID: String?
    let database: DatabaseQueue
    let directory: String
    let tables: Set<String>

    /// Decompresses `path` into a private scratch copy and opens it; throws a `C1ZError` for anything that is not a readable c1z.
    public init(path: String, options: C1ZReaderOptions = C1ZReaderOptions()) throws {
        self.path = path
        let decoded = try C1ZDecoder.decode(path: path, tempDirectory: options.tempDirectory, limit: options.maxDecodedSize)
        directory = decoded.directory
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.label = "c1z-reader"
            database = try DatabaseQueue(path: decoded.database, configuration: configuration)
            let names = try database.read { db in
                try String.fetchAll(db, sql: "select name from sqlite_master where type = 'table'")
            }
            tables = Set(names)
            let runs = try Self.fetchSyncRuns(database, tables: tables, path: path)
            syncID = options.syncID ?? Self.listSync(runs)
            lookupSyncID =
                options.syncID ?? Self.latestFinished(runs, type: "full")?.syncID
                ?? Self.latestFinished(runs, type: nil)?.syncID ?? syncID
        } catch let error as C1ZError {
            try? FileManager.default.removeItem(atPath: decoded.directory)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: decoded.directory)
            throw C1ZError.database(path: path, detail: Self.describe(error))
        }
    }

    deinit { close() }

    /// Closes the database and deletes the decoded copy. Idempotent.
    public func close() {
        try? database.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: - Sync runs

    /// Every row of `v1_sync_runs`, ordered by rowid.
    public func syncRuns() throws -> [SyncRun] {
        try Self.fetchSyncRuns(database, tables: tables, path: path)
    }

    /// The finished full syncs, oldest first (by `ended_at`, the order readers and `baton diff` use).
    public func finishedFullSyncs() throws -> [SyncRun] {
        try syncRuns().filter { $0.isFinished && $0.syncType == "full" }.sorted { ($0.endedAtText ?? "") < ($1.endedAtText ?? "") }
    }

    /// The finished sync of `type` (any type when nil) that ended last.
    static func latestFinished(_ runs: [SyncRun], type: String?) -> SyncRun? {
        runs.filter { $0.isFinished && (type == nil || $0.syncType == type) }
            .max { ($0.endedAtText ?? "") < ($1.endedAtText ?? "") }
    }

    // MARK: - Objects

    /// Every resource type of the chosen sync.
    public func resourceTypes() throws -> [C1_Connector_V2_ResourceType] {
        try list(C1ZSchema.resourceTypes)
    }

    /// The resource type with this id in the chosen sync, if any.
    public func resourceType(id: String) throws -> C1_Connector_V2_ResourceType? {
        try lookup(C1ZSchema.resourceTypes, externalID: id)
    }

    /// Resources, optionally only those of one type.
    public func resources(ofType resourceTypeID: String? = nil) throws -> [C1_Connector_V2_Resource] {
        guard let resourceTypeID else { return try list(C1ZSchema.resources) }
        return try list(C1ZSchema.resources, filter: "resource_type_id = ?", arguments: [resourceTypeID])
    }

    /// Children of `parent` (by the parent columns).
    public func resources(parent: C1_Connector_V2_ResourceId) throws -> [C1_Connector_V2_Resource] {
        try list(
            C1ZSchema.resources, filter: "parent_resource_type_id = ? and parent_resource_id = ?",
            arguments: [parent.resourceType, parent.resource])
    }

    /// The resource with this id in the newest finished full sync, if any.
    public func resource(id: C1_Connector_V2_ResourceId) throws -> C1_Connector_V2_Resource? {
        try lookup(C1ZSchema.resources, externalID: C1ZRows.resourceExternalID(id))
    }

    /// Entitlements, optionally only those of one resource.
    public func entitlements(resource: C1_Connector_V2_ResourceId? = nil) throws -> [C1_Connector_V2_Entitlement] {
        guard let resource else { return try list(C1ZSchema.entitlements) }
        return try list(
            C1ZSchema.entitlements, filter: "resource_type_id = ? and resource_id = ?",
            arguments: [resource.resourceType, resource.resource])
    }

    /// The entitlement with this id in the newest finished full sync, if any.
    public func entitlement(id: String) throws -> C1_Connector_V2_Entitlement? {
        try lookup(C1ZSchema.entitlements, externalID: id)
    }

    /// All grants.
    public func grants() throws -> [C1_Connector_V2_Grant] {
        try list(C1ZSchema.grants)
    }

    /// Grants of one entitlement.
    public func grants(entitlementID: String) throws -> [C1_Connector_V2_Grant] {
        try list(C1ZSchema.grants, filter: "entitlement_id = ?", arguments: [entitlementID])
    }

    /// Grants held by one principal.
    public func grants(principal: C1_Connector_V2_ResourceId) throws -> [C1_Connector_V2_Grant] {
        try list(
            C1ZSchema.grants, filter: "principal_resource_type_id = ? and principal_resource_id = ?",
            arguments: [principal.resourceType, principal.resource])
    }

    /// Grants on entitlements of one resource.
    public func grants(resource: C1_Connector_V2_ResourceId) throws -> [C1_Connector_V2_Grant] {
        try list(
            C1ZSchema.grants, filter: "resource_type_id = ? and resource_id = ?",
            arguments: [resource.resourceType, resource.resource])
    }

    /// The grant with this id in the newest finished full sync, if any.
    public func grant(id: String) throws -> C1_Connector_V2_Grant? {
        try lookup(C1ZSchema.grants, externalID: id)
    }
}
