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
    /// Read a file that ends with a seek table (every file we write) in place, decompressing
    /// only the frames holding the pages a query touches, instead of decoding the whole image
    /// into a temporary copy first. Files without one (the Go SDK's, ours from before) are
    /// decoded either way. Fast for lookups by id; a query that visits the whole image in no
    /// particular order (a diff of two large syncs) is faster on a decoded copy.
    public var readInPlace: Bool
    /// Decoded frames kept when reading in place (`C1ZFormat.frameSize` bytes each: 16 MiB).
    package var frameCacheFrames = 4

    /// A decoded-size cap (the CLI's 3 GiB by default), where to decompress, the sync to read
    /// (nil: the one readers pick), and whether to read a seekable file in place.
    public init(
        maxDecodedSize: UInt64 = C1ZFormat.defaultMaxDecodedSize, tempDirectory: String? = nil, syncID: String? = nil,
        readInPlace: Bool = false
    ) {
        self.maxDecodedSize = maxDecodedSize
        self.tempDirectory = tempDirectory
        self.syncID = syncID
        self.readInPlace = readInPlace
    }
}

/// Reads c1z v1 files, ours or the Go SDK's. The file is decoded to a private temp copy and
/// opened read-only, or, with `readInPlace` and a file that ends with a seek table, read where
/// it is through ``SeekableVFS``; `close()` (or deinit) deletes the copy.
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
    /// The decoded copy's folder; nil when reading in place.
    let directory: String?
    /// The image read in place, and the name it is registered under with the VFS.
    let image: SeekableImage?
    let imageName: String?
    let tables: Set<String>

    /// Opens `path`, in place when `options.readInPlace` allows and the file has a seek table,
    /// else by decompressing it into a private scratch copy; throws a `C1ZError` for anything
    /// that is not a readable c1z.
    public init(path: String, options: C1ZReaderOptions = C1ZReaderOptions()) throws {
        self.path = path
        let opened = try Self.open(path, options: options)
        directory = opened.directory
        image = opened.image
        imageName = opened.imageName
        database = opened.database
        do {
            let names = try database.read { db in
                try String.fetchAll(db, sql: "select name from sqlite_master where type = 'table'")
            }
            tables = Set(names)
            let runs = try Self.fetchSyncRuns(database, tables: tables, path: path, image: image)
            syncID = options.syncID ?? Self.listSync(runs)
            lookupSyncID =
                options.syncID ?? Self.latestFinished(runs, type: "full")?.syncID
                ?? Self.latestFinished(runs, type: nil)?.syncID ?? syncID
        } catch {
            Self.release(database: opened.database, directory: opened.directory, imageName: opened.imageName)
            throw error as? C1ZError ?? Self.failure(error, path: path, image: opened.image)
        }
    }

    /// The connection, on a decoded copy or on the file in place.
    private static func open(
        _ path: String, options: C1ZReaderOptions
    ) throws -> (database: DatabaseQueue, directory: String?, image: SeekableImage?, imageName: String?) {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "c1z-reader"
        if options.readInPlace, let vfs = SeekableVFS.shared, let image = try seekableImage(path, options: options) {
            let name = vfs.register(image)
            do {
                return (try DatabaseQueue(path: vfs.uri(for: name), configuration: configuration), nil, image, name)
            } catch {
                vfs.unregister(name)
                throw failure(error, path: path, image: image)
            }
        }
        let decoded = try C1ZDecoder.decode(path: path, tempDirectory: options.tempDirectory, limit: options.maxDecodedSize)
        do {
            return (try DatabaseQueue(path: decoded.database, configuration: configuration), decoded.directory, nil, nil)
        } catch {
            try? FileManager.default.removeItem(atPath: decoded.directory)
            throw C1ZError.database(path: path, detail: describe(error))
        }
    }

    /// The file's image for reading in place, or nil when it has no usable seek table (it is
    /// then decoded, which reports whatever else is wrong with it).
    private static func seekableImage(_ path: String, options: C1ZReaderOptions) throws -> SeekableImage? {
        let image: SeekableImage
        do {
            image = try SeekableImage(path: path, limit: options.maxDecodedSize, cacheFrames: options.frameCacheFrames)
        } catch let error as C1ZError {
            throw error
        } catch {
            return nil
        }
        var header = [UInt8](repeating: 0, count: C1ZFormat.sqliteHeader.count)
        let got: Int
        do { got = try header.withUnsafeMutableBytes { try image.read(into: $0.baseAddress!, count: $0.count, offset: 0) } } catch {
            throw C1ZError.invalidCompression(path: path, detail: image.failure ?? "\(error)")
        }
        guard got == header.count, header == C1ZFormat.sqliteHeader else { throw C1ZError.notSQLite(path: path) }
        return image
    }

    /// A failed query as a `C1ZError`: a frame that would not decode says so, anything else is
    /// SQLite's own message.
    static func failure(_ error: any Error, path: String, image: SeekableImage?) -> C1ZError {
        if let failure = image?.failure { return .invalidCompression(path: path, detail: failure) }
        return .database(path: path, detail: describe(error))
    }

    func failure(_ error: any Error) -> C1ZError {
        error as? C1ZError ?? Self.failure(error, path: path, image: image)
    }

    private static func release(database: DatabaseQueue, directory: String?, imageName: String?) {
        try? database.close()
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
        if let imageName { SeekableVFS.shared?.unregister(imageName) }
    }

    /// Whether the file is read in place (it has a seek table and `readInPlace` was asked for).
    package var readsInPlace: Bool { image != nil }

    /// Frames decompressed so far when reading in place (nil on a decoded copy).
    package var framesDecoded: Int? { image?.framesDecoded }

    deinit { close() }

    /// Closes the database and deletes the decoded copy. Idempotent.
    public func close() {
        Self.release(database: database, directory: directory, imageName: imageName)
    }

    // MARK: - Sync runs

    /// Every row of `v1_sync_runs`, ordered by rowid.
    public func syncRuns() throws -> [SyncRun] {
        try Self.fetchSyncRuns(database, tables: tables, path: path, image: image)
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
