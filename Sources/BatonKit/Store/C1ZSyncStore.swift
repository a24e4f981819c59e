import BatonStore
import Foundation
import Synchronization

/// A ``SyncStore`` writing a c1z file through BatonStore's `C1ZWriter`: rows stream into the
/// writer's scratch database, expansion reads them back from it, and `finishSync` compresses and
/// atomically renames the file over `path` (an aborted sync leaves `path` untouched). The sync
/// holds an exclusive lock on `path` from `startSync` until it finishes or aborts. Rows go into the
/// destination's working copy, which a crash leaves behind for the next sync to resume.
package actor C1ZSyncStore: SyncStore {
    package let path: String
    private let options: C1ZWriterOptions
    private var writer: C1ZWriter?
    private var heldLock: DestinationLock?
    private var finishedTimings: C1ZWriterTimings?
    private let encoding = Mutex(Duration.zero)

    /// `lock`, when given, is a lock on `path` the caller took already.
    package init(path: String, options: C1ZWriterOptions = C1ZWriterOptions(), lock: DestinationLock? = nil) {
        self.path = path
        self.options = options
        self.heldLock = lock
    }

    package func startSync(type: SyncType) async throws -> String {
        try await start(type: type, resume: nil).syncId
    }

    package func startSync(type: SyncType, resume: @escaping @Sendable (UnfinishedSync) -> ResumeDecision) async throws -> StartedSync {
        try await start(type: type, resume: resume)
    }

    private func start(type: SyncType, resume: (@Sendable (UnfinishedSync) -> ResumeDecision)?) async throws -> StartedSync {
        guard writer == nil else { throw BatonError.internal("a sync is already being written to \(path)") }
        var options = options
        options.syncType = type.rawValue
        // The destination is locked for the whole run; waiting for it happens off the task threads.
        let lock: DestinationLock
        if let heldLock {
            lock = heldLock
            self.heldLock = nil
        } else {
            do {
                lock = try DestinationLock.acquire(for: path, blocking: false)
            } catch C1ZError.locked(_, let holder) where options.waitForLock {
                options.logger.info(
                    "waiting for another sync to finish writing the file",
                    metadata: [
                        "path": .string(path), "holder_pid": .string(holder.map(String.init) ?? "unknown"),
                    ])
                lock = try await DestinationLock.acquire(for: path, wait: true)
            }
        }
        let writer = try C1ZWriter(path: path, options: options, lock: lock, resume: resume)
        self.writer = writer
        return StartedSync(syncId: writer.syncID, checkpoint: writer.resumedCheckpoint)
    }

    package func checkpoint(_ token: String) async throws {
        try await open().checkpoint(token)
    }

    package func putSessionValues(_ values: [String: [UInt8]]) async throws {
        try await open().putSessionValues(values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    package func sessionValues(prefix: String) async throws -> [String: [UInt8]] {
        var found: [String: [UInt8]] = [:]
        for (key, value) in try await open().sessionValues(prefix: prefix) { found[key] = value }
        return found
    }

    package func storedResources() async throws -> [StoredResource] {
        var all: [StoredResource] = []
        var cursor: Int64? = 0
        while let after = cursor {
            let page = try await storedResources(after: after, limit: 5_000)
            all += page.resources
            cursor = page.next
        }
        return all
    }

    /// Pages by rowid: the cursor is the last row's id, so each page is one index range read.
    package func storedResources(after cursor: Int64, limit: Int) async throws -> (resources: [StoredResource], next: Int64?) {
        let page = try await open().storedResources(after: cursor, limit: limit)
        return (page.items.map { StoredResource(key: $0.externalID, typeId: $0.resourceTypeID, bytes: $0.data) }, page.nextCursor)
    }

    package func expandableGrants() async throws -> [Grant] {
        let writer = try open()
        var all: [Grant] = []
        var cursor: Int64? = 0
        while let after = cursor {
            let page = try await writer.expandableGrants(after: after)
            all += page.items
            cursor = page.nextCursor
        }
        return all
    }

    package func entitlementCount() async throws -> Int {
        try await open().counts().entitlements
    }

    /// Stops writing as a crash would (rows after the last commit are lost) and keeps the
    /// working copy with its last checkpoint, so the next sync of `path` resumes it; releases
    /// the lock. The engine calls it when the sync is cancelled (a shutdown).
    package func suspendSync() async {
        await writer?.suspend()
        writer = nil
    }

    package func putResourceTypes(_ resourceTypes: [ResourceType]) async throws {
        try await open().put(resourceTypes: resourceTypes)
    }

    // Rows are encoded on the caller's task (nonisolated), in two halves in parallel for a large
    // batch, so protobuf work runs on both cores and the writer actor only does SQLite inserts.
    package nonisolated func putResources(_ resources: [Resource]) async throws {
        let rows = try await timedEncode(resources, C1ZEncodedResource.encode)
        try await open().put(encodedResources: rows)
    }

    package func putEntitlements(_ entitlements: [Entitlement]) async throws {
        try await open().put(entitlements: entitlements)
    }

    package nonisolated func putGrants(_ grants: [Grant]) async throws {
        let rows = try await timedEncode(grants, C1ZEncodedGrant.encode)
        try await open().put(encodedGrants: rows)
    }

    /// Encodes straight into rows (``InheritedGrantEncoder``), the same bytes as encoding each
    /// ``Grant/inherited(destination:principal:sources:)`` message, without building them.
    package nonisolated func putInheritedGrants(_ grants: [InheritedGrant], of destination: Entitlement) async throws {
        let annotations = Grant.inheritedAnnotations
        let rows = try await timedEncode(grants) { part in
            var encoder = try InheritedGrantEncoder(entitlement: destination, annotations: annotations)
            return try part.map { grant in
                try encoder.row(
                    id: Grant.id(entitlementId: destination.id, principal: grant.principal), principal: grant.principal,
                    sources: grant.sources)
            }
        }
        try await open().put(encodedGrants: rows)
    }

    /// Time spent encoding rows (protobuf, deterministic annotations), summed over the callers'
    /// tasks, and the writer's own timings (the last finished writer's once the sync is over).
    package var timings: (encodeSeconds: Double, writer: C1ZWriterTimings) {
        get async {
            let encoded = encoding.withLock { $0.inSeconds }
            if let writer { return (encoded, await writer.timings) }
            return (encoded, finishedTimings ?? C1ZWriterTimings())
        }
    }

    private nonisolated func timedEncode<Item: Sendable, Row: Sendable>(
        _ items: [Item], _ encode: @escaping @Sendable ([Item]) throws -> [Row]
    ) async throws -> [Row] {
        let started = ContinuousClock.now
        defer {
            let spent = ContinuousClock.now - started
            encoding.withLock { $0 += spent }
        }
        return try await Self.encode(items, encode)
    }

    private static func encode<Item: Sendable, Row: Sendable>(
        _ items: [Item], _ encode: @escaping @Sendable ([Item]) throws -> [Row]
    ) async throws -> [Row] {
        guard items.count >= 200 else { return try encode(items) }
        let middle = items.count / 2
        let front = Array(items[..<middle]), back = Array(items[middle...])
        async let first = encode(front)
        let second = try encode(back)
        return try await first + second
    }

    package func entitlements(ids: [String]) async throws -> [String: Entitlement] {
        let writer = try open()
        var found: [String: Entitlement] = [:]
        for id in Set(ids) {
            if let entitlement = try await writer.entitlement(id: id) { found[id] = entitlement }
        }
        return found
    }

    package func grants(entitlementId: String) async throws -> [Grant] {
        try await open().grants(forEntitlement: entitlementId)
    }

    package func grantPrincipals(entitlementId: String) async throws -> [ResourceId] {
        try await open().grantPrincipals(forEntitlement: entitlementId)
    }

    package func grant(entitlementId: String, principal: ResourceId) async throws -> Grant? {
        try await open().latestGrant(forEntitlement: entitlementId, principal: principal)
    }

    package func grantCount() async throws -> Int {
        try await open().counts().grants
    }

    package func finishSync() async throws {
        let writer = try open()
        self.writer = nil
        try await writer.finish()
        finishedTimings = await writer.timings
    }

    package func abortSync() async {
        await writer?.abort()
        writer = nil
    }

    private func open() throws -> C1ZWriter {
        guard let writer else { throw BatonError.internal("no sync is being written to \(path)") }
        return writer
    }
}
