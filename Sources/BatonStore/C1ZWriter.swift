import BatonProto
import Foundation
import Logging

/// Writes one finished sync (`full` by default) into a c1z v1 file, keeping the syncs the file
/// already holds (docs/baton-conventions.md, "Sync history").
///
/// Creating a writer takes an exclusive lock on `path` (``DestinationLock``) and creates a
/// uniquely named temporary file beside it, so a destination that cannot be written fails before
/// any work. When `path` holds a c1z (ours or the Go SDK's), the scratch SQLite file starts as a
/// copy of it; anything else there (not empty, not a c1z) fails with `unreadableDestination` and
/// is left alone. Rows go into the scratch file in batched transactions; `finish()` marks the sync
/// ended, drops the syncs ``SyncRetention`` lets go (unless `skipCleanup`), compacts the image
/// when it dropped any, compresses it into the temporary file, reads it back (the frame must
/// decode to the finished image) and renames it over `path`, keeping the replaced file's mode and owner.
/// Until then `path` is untouched, and `abort()` (or any error, or dropping the writer) deletes
/// every temporary file and releases the lock.
/// Prefer `withC1ZWriter(path:options:_:)`, which finishes on success and aborts otherwise.
public actor C1ZWriter {
    /// Destination of the c1z file.
    public nonisolated let path: String
    /// KSUID of the sync run written into every row.
    public nonisolated let syncID: String
    /// When the sync began (`v1_sync_runs.started_at`); for a resumed sync, when it first began.
    public nonisolated let startedAt: Date
    /// The checkpoint of the unfinished sync this writer resumed; nil for a new sync.
    public nonisolated let resumedCheckpoint: String?

    private let options: C1ZWriterOptions
    private var scratch: ScratchDatabase?
    private var output: PendingOutput?
    /// Where this writer's time went so far.
    public private(set) var timings = C1ZWriterTimings()

    /// Locks `path` (failing at once when another sync holds it; `lock` is one taken already,
    /// e.g. by waiting), creates the temporary output beside it, then opens the destination's
    /// working copy (``WorkingCopy``). When the working copy holds an unfinished sync with a
    /// checkpoint and `resume` answers `.resume`, the writer carries on writing that sync (same
    /// sync id, its rows kept, ``resumedCheckpoint`` set); otherwise the working copy is
    /// deleted (the reason logged) and a new scratch database with an unfinished sync run row is
    /// made. Nothing is written at `path` until `finish()`.
    public init(
        path: String, options: C1ZWriterOptions = C1ZWriterOptions(), startedAt: Date = Date(),
        lock: DestinationLock? = nil,
        resume: (@Sendable (UnfinishedSync) -> ResumeDecision)? = nil
    ) throws {
        self.path = path
        self.options = options
        let output = try PendingOutput(destination: path, lock: lock ?? DestinationLock.acquire(for: path, blocking: false))
        let copy = WorkingCopy.location(destination: path, tempDirectory: options.tempDirectory)
        if copy.exists, let resumed = Self.reopen(copy, path: path, options: options, resume: resume) {
            self.scratch = resumed.scratch
            self.syncID = resumed.sync.syncID
            self.startedAt = resumed.sync.startedAt
            self.resumedCheckpoint = resumed.sync.checkpoint
            self.output = output
            return
        }
        self.startedAt = startedAt
        self.syncID = KSUID.generate(at: startedAt)
        self.resumedCheckpoint = nil
        // Read under the lock, so no other sync replaces the file while it is copied.
        let scratch = try ScratchDatabase(
            workingCopy: copy, fresh: true, rowsPerTransaction: options.rowsPerTransaction,
            seed: Self.existingFile(at: path))
        do {
            // As the SDK records it: a partial sync names the full sync it refines; others name none.
            let parent = options.syncType == "partial" ? try C1ZHistory.latestFullSync(scratch.connection) ?? "" : ""
            let insert = try scratch.statement(
                """
                insert into v1_sync_runs (sync_id, started_at, ended_at, sync_token, sync_type, parent_sync_id, linked_sync_id, supports_diff)
                values (?, ?, null, '', ?, ?, '', 0)
                """)
            insert.bind(1, syncID)
            insert.bind(2, C1ZTimestamp.format(startedAt))
            insert.bind(3, options.syncType)
            insert.bind(4, parent)
            try insert.run()
        } catch {
            scratch.release()
            throw error
        }
        self.scratch = scratch
        self.output = output
    }

    /// Removes the working copy an unfinished sync of `path` left (when the work is no longer
    /// wanted, e.g. ConductorOne cancelled the task). Call it while no writer of `path` runs.
    public static func discardUnfinished(path: String, tempDirectory: String?) {
        WorkingCopy.location(destination: path, tempDirectory: tempDirectory).remove()
    }

    /// `path` when it holds something to keep (a missing or empty file is a new file, as in the SDK).
    static func existingFile(at path: String) -> String? {
        guard let size = try? FileIO.fileSize(path), size > 0 else { return nil }
        return path
    }

    /// The working copy's newest unfinished sync with a checkpoint, opened for writing when
    /// `resume` accepts it; nil (the copy deleted, the reason logged) otherwise.
    private static func reopen(
        _ copy: WorkingCopy, path: String, options: C1ZWriterOptions,
        resume: (@Sendable (UnfinishedSync) -> ResumeDecision)?
    ) -> (scratch: ScratchDatabase, sync: UnfinishedSync)? {
        let scratch: ScratchDatabase
        let found: UnfinishedSync?
        do {
            scratch = try ScratchDatabase(workingCopy: copy, fresh: false, rowsPerTransaction: options.rowsPerTransaction)
            found = try newestUnfinished(in: scratch)
        } catch {
            copy.remove()
            options.logger.info(
                "discarded the working copy of an unfinished sync: it cannot be read",
                metadata: [
                    "path": .string(path), "error": .string("\(error)"),
                ])
            return nil
        }
        let decision: ResumeDecision
        if let found, let resume {
            decision = resume(found)
        } else {
            decision = .discard(reason: found == nil ? "it holds no checkpoint" : "resuming is turned off")
        }
        switch decision {
        case .resume:
            let resumed = found!
            do {
                try scratch.excludeFromBaseline(sync: resumed.syncID)
            } catch {
                scratch.release()
                options.logger.info(
                    "discarded the working copy of an unfinished sync: it cannot be read",
                    metadata: [
                        "path": .string(path), "error": .string("\(error)"),
                    ])
                return nil
            }
            return (scratch, resumed)
        case .discard(let reason):
            scratch.release()
            options.logger.info(
                "discarded the working copy of an unfinished sync",
                metadata: [
                    "path": .string(path), "reason": .string(reason), "sync_id": .string(found?.syncID ?? ""),
                ])
            return nil
        }
    }

    private static func newestUnfinished(in scratch: ScratchDatabase) throws -> UnfinishedSync? {
        let query = try scratch.statement(
            """
            select sync_id, started_at, sync_type, sync_token from v1_sync_runs
            where ended_at is null and sync_token != '' order by id desc limit 1
            """)
        defer { query.reset() }
        guard try query.step(), let id = query.text(0), let started = query.text(1).flatMap(C1ZTimestamp.parse) else { return nil }
        return UnfinishedSync(syncID: id, startedAt: started, syncType: query.text(2) ?? "", checkpoint: query.text(3) ?? "")
    }

    // MARK: - Writing (upserts keyed by external id, last write wins)

    /// Stores resource types (`v1_resource_types`).
    public func put(resourceTypes: [C1_Connector_V2_ResourceType]) throws {
        let started = ContinuousClock.now
        defer { timings.insertSeconds += (ContinuousClock.now - started).c1zSeconds }
        let db = try open()
        let statement = try db.statement(
            """
            insert into v1_resource_types (external_id, data, sync_id, discovered_at) values (?, ?, ?, ?)
            on conflict (external_id, sync_id) do update set data = excluded.data, discovered_at = excluded.discovered_at
            """)
        let now = C1ZTimestamp.format(Date())
        try db.beginWrite()
        for type in resourceTypes {
            try C1ZRows.checkResourceType(type)
            statement.bind(1, type.id)
            statement.bind(2, blob: try ProtoCoding.encode(ProtoCoding.normalized(type)))
            statement.bind(3, syncID)
            statement.bind(4, now)
            try statement.run()
            try db.rowWritten()
            timings.rowsWritten += 1
        }
    }

    /// Stores resources (`v1_resources`); parent columns come from `parent_resource_id`.
    public func put(resources: [C1_Connector_V2_Resource]) throws {
        try put(encodedResources: C1ZEncodedResource.encode(resources))
    }

    /// Stores resources already encoded (off this actor) with ``C1ZEncodedResource``.
    package func put(encodedResources resources: [C1ZEncodedResource]) throws {
        let started = ContinuousClock.now
        defer { timings.insertSeconds += (ContinuousClock.now - started).c1zSeconds }
        let db = try open()
        let statement = try db.statement(
            """
            insert into v1_resources (resource_type_id, external_id, parent_resource_type_id, parent_resource_id, data, sync_id, discovered_at)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (external_id, sync_id) do update set resource_type_id = excluded.resource_type_id,
                parent_resource_type_id = excluded.parent_resource_type_id, parent_resource_id = excluded.parent_resource_id,
                data = excluded.data, discovered_at = excluded.discovered_at
            """)
        let now = C1ZTimestamp.format(Date())
        try db.beginWrite()
        for resource in resources {
            statement.bind(1, resource.resourceTypeID)
            statement.bind(2, resource.externalID)
            statement.bind(3, resource.parentTypeID)
            statement.bind(4, resource.parentID)
            statement.bind(5, blob: resource.data)
            statement.bind(6, syncID)
            statement.bind(7, now)
            try statement.run()
            try db.rowWritten()
            timings.rowsWritten += 1
        }
    }

    /// Stores entitlements (`v1_entitlements`).
    public func put(entitlements: [C1_Connector_V2_Entitlement]) throws {
        let started = ContinuousClock.now
        defer { timings.insertSeconds += (ContinuousClock.now - started).c1zSeconds }
        let db = try open()
        let statement = try db.statement(
            """
            insert into v1_entitlements (resource_type_id, resource_id, external_id, data, sync_id, discovered_at)
            values (?, ?, ?, ?, ?, ?)
            on conflict (external_id, sync_id) do update set resource_type_id = excluded.resource_type_id,
                resource_id = excluded.resource_id, data = excluded.data, discovered_at = excluded.discovered_at
            """)
        let now = C1ZTimestamp.format(Date())
        try db.beginWrite()
        for entitlement in entitlements {
            try C1ZRows.checkEntitlement(entitlement)
            statement.bind(1, entitlement.resource.id.resourceType)
            statement.bind(2, entitlement.resource.id.resource)
            statement.bind(3, entitlement.id)
            statement.bind(4, blob: try ProtoCoding.encode(ProtoCoding.normalized(entitlement)))
            statement.bind(5, syncID)
            statement.bind(6, now)
            try statement.run()
            try db.rowWritten()
            timings.rowsWritten += 1
        }
    }

    /// Stores grants (`v1_grants`). `GrantExpandable` stays inside the blob's annotations (legacy
    /// storage; docs/baton-conventions.md, "Grant expansion metadata"): `expansion` NULL, `needs_expansion` 0. Annotations are re-packed deterministically.
    public func put(grants: [C1_Connector_V2_Grant]) throws {
        try put(encodedGrants: C1ZEncodedGrant.encode(grants))
    }

    /// Stores grants already encoded (off this actor) with ``C1ZEncodedGrant``.
    package func put(encodedGrants grants: [C1ZEncodedGrant]) throws {
        let started = ContinuousClock.now
        defer { timings.insertSeconds += (ContinuousClock.now - started).c1zSeconds }
        let db = try open()
        let statement = try db.statement(
            """
            insert into v1_grants (resource_type_id, resource_id, entitlement_id, principal_resource_type_id,
                principal_resource_id, external_id, expansion, needs_expansion, data, sync_id, discovered_at)
            values (?, ?, ?, ?, ?, ?, null, 0, ?, ?, ?)
            on conflict (external_id, sync_id) do update set resource_type_id = excluded.resource_type_id,
                resource_id = excluded.resource_id, entitlement_id = excluded.entitlement_id,
                principal_resource_type_id = excluded.principal_resource_type_id,
                principal_resource_id = excluded.principal_resource_id, data = excluded.data,
                discovered_at = excluded.discovered_at
            """)
        let now = C1ZTimestamp.format(Date())
        try db.beginWrite()
        for grant in grants {
            statement.bind(1, grant.resourceTypeID)
            statement.bind(2, grant.resourceID)
            statement.bind(3, grant.entitlementID)
            statement.bind(4, grant.principalTypeID)
            statement.bind(5, grant.principalID)
            statement.bind(6, grant.externalID)
            statement.bind(7, blob: grant.data)
            statement.bind(8, syncID)
            statement.bind(9, now)
            try statement.run()
            try db.rowWritten()
            timings.rowsWritten += 1
        }
    }

    /// Inserts or replaces one grant (grant expansion uses this).
    public func upsert(grant: C1_Connector_V2_Grant) throws {
        try put(grants: [grant])
    }

    /// Stores an asset's raw bytes (`v1_assets`); empty assets are not stored.
    public func putAsset(id: String, contentType: String, data: [UInt8]) throws {
        guard !data.isEmpty else { return }
        let db = try open()
        let statement = try db.statement(
            """
            insert into v1_assets (external_id, content_type, data, sync_id, discovered_at) values (?, ?, ?, ?, ?)
            on conflict (external_id, sync_id) do update set content_type = excluded.content_type,
                data = excluded.data, discovered_at = excluded.discovered_at
            """)
        try db.beginWrite()
        statement.bind(1, id)
        statement.bind(2, contentType.isEmpty ? "unknown" : contentType)
        statement.bind(3, blob: data)
        statement.bind(4, syncID)
        statement.bind(5, C1ZTimestamp.format(Date()))
        try statement.run()
        try db.rowWritten()
    }

    // MARK: - Ending

    /// Marks the sync finished (`ended_at` set last), then compresses the image and atomically
    /// replaces `path`. On any error (including task cancellation) `path` is left as it was and
    /// every temporary file is removed; the writer is closed either way.
    public func finish(endedAt: Date = Date()) throws {
        let db = try open()
        guard let output else { throw C1ZError.writerClosed }
        scratch = nil
        self.output = nil
        defer { db.release(); output.discard() }
        try Task.checkCancellation()
        try db.commit()
        // The index sorts may use as much memory as the page cache; the load is over, so a
        // small cache keeps the sort from raising the sync's peak memory.
        try db.connection.execute("pragma cache_size = -4096")
        let indexing = ContinuousClock.now
        for statement in C1ZSchema.deferredIndexes { try db.connection.execute(statement) }
        timings.indexSeconds = (ContinuousClock.now - indexing).c1zSeconds
        // The checkpoint and the connector's session data only serve resuming; a finished sync
        // carries neither (an empty token is what readers expect of a finished run).
        let sessions = try db.statement("delete from v1_connector_sessions where sync_id = ?")
        sessions.bind(1, syncID)
        try sessions.run()
        let end = try db.statement("update v1_sync_runs set ended_at = ?, sync_token = '' where sync_id = ?")
        end.bind(1, C1ZTimestamp.format(endedAt))
        end.bind(2, syncID)
        try end.run()
        let removed = options.skipCleanup ? [] : try C1ZHistory.removeExpired(db.connection, keepCount: options.keepSyncCount)
        if !removed.isEmpty {
            options.logger.info(
                "removed syncs beyond the keep count",
                metadata: [
                    "path": "\(path)", "removed_sync_ids": "\(removed.joined(separator: ","))",
                    "keep_sync_count": "\(options.keepSyncCount)",
                ])
        }
        let finished = try db.statement("select count(*) from v1_sync_runs where sync_id = ? and ended_at is not null")
        finished.bind(1, syncID)
        let finishedRows = try finished.step() ? finished.int64(0) : 0
        finished.reset()
        guard finishedRows == 1 else {
            throw C1ZError.verificationFailed(path: path, detail: "the sync run is not marked finished")
        }
        // Dropped syncs leave free pages: a compact copy keeps the file as small as its content.
        try db.seal(compact: !removed.isEmpty)
        let written = try C1ZOutput.write(
            image: db.path, into: output, level: options.compressionLevel, frameSize: options.frameSize)
        timings.compressSeconds = written.compressSeconds
        timings.verifySeconds = written.verifySeconds
        try Task.checkCancellation()
        try output.commit()
        db.release()  // the working copy goes once the file is in place
        options.logger.debug("c1z written", metadata: ["path": "\(path)", "sync_id": "\(syncID)"])
    }

    /// Records `token` as the sync's checkpoint (`v1_sync_runs.sync_token`) and commits it in
    /// one transaction with every row written before it, so the checkpoint never claims a row
    /// the working copy does not hold.
    public func checkpoint(_ token: String) throws {
        let db = try open()
        let update = try db.statement("update v1_sync_runs set sync_token = ? where sync_id = ?")
        try db.beginWrite()
        update.bind(1, token)
        update.bind(2, syncID)
        try update.run()
        try db.commit()
    }

    /// Stops writing as a crash would: rows since the last commit are lost, the working copy
    /// (with its last checkpoint) is kept for a later sync of the same destination to resume;
    /// the temporary output is removed and the lock released.
    public func suspend() {
        scratch?.suspend()
        scratch = nil
        output?.discard()
        output = nil
    }

    /// Discards everything written so far, the working copy included; `path` is untouched. Idempotent.
    public func abort() {
        scratch?.release()
        scratch = nil
        output?.discard()
        output = nil
    }

    /// The scratch database, or `writerClosed` after finish/abort.
    func open() throws -> ScratchDatabase {
        guard let scratch else { throw C1ZError.writerClosed }
        return scratch
    }
}

/// Runs `body` with a fresh writer for `path`; finishes the file when `body` returns and aborts
/// (leaving `path` untouched, no temp files) when it throws or the task is cancelled.
public func withC1ZWriter<T: Sendable>(
    path: String,
    options: C1ZWriterOptions = C1ZWriterOptions(),
    _ body: (C1ZWriter) async throws -> T
) async throws -> T {
    let writer = try C1ZWriter(path: path, options: options)
    do {
        let result = try await body(writer)
        try Task.checkCancellation()
        try await writer.finish()
        return result
    } catch {
        await writer.abort()
        throw error
    }
}
