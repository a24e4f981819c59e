import BatonKit
import BatonStore
import Foundation
import Synchronization
import Testing

/// The entitlement and grant steps read the stored resources back a page at a time, and a
/// resumed step carries on from its checkpointed position across page boundaries.
@Suite("Reading stored resources back a page at a time")
struct PagedResourceReadTests {
    /// More users than one page of the engine's read-back holds, each with one entitlement.
    static let users = (1...1_200).map { Fixture.user("u\($0)") }

    static func connector(calls: CallLog) -> FakeConnector {
        var syncer = FakeSyncer(resourceType: Fixture.userType, calls: calls)
        syncer.resources = ["": [users]]
        for user in users { syncer.entitlements[user.id.key] = [[Fixture.member(of: user)]] }
        return FakeConnector(syncers: [syncer])
    }

    static func entitlementListings(_ calls: [String]) -> [String] {
        calls.filter { $0.hasPrefix("entitlements ") }
    }

    @Test("a full sync never reads the whole resource list, and lists every resource's entitlements and grants once")
    func pagesInsteadOfTheWholeList() async throws {
        let calls = CallLog()
        let store = ReadRecordingStore()
        let summary = try await SyncEngine(connector: Self.connector(calls: calls), store: store, logger: Fixture.logger).run()
        #expect(store.wholeListReads == 0)
        let limits = store.pageLimits
        // Entitlements and grants each read every page: 1,200 resources need at least 3 of them.
        #expect(limits.count >= 6 && limits.allSatisfy { $0 < Self.users.count }, "\(limits)")
        let listed = Self.entitlementListings(await calls.entries)
        #expect(listed.count == Self.users.count && Set(listed).count == Self.users.count)
        #expect(await calls.entries.filter { $0.hasPrefix("grants ") }.count == Self.users.count)
        #expect(summary.resources == Self.users.count && summary.entitlements == Self.users.count)
    }

    @Test("a sync crashed part-way through the entitlements of the second page resumes there and writes the same file")
    func resumesAcrossPages() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paged-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let options = ResumeTests.options { $0.maxConcurrentListings = 1 }
        _ = try await SyncEngine(
            connector: Self.connector(calls: CallLog()), store: C1ZSyncStore(path: folder + "/ref.c1z"),
            options: options, logger: Fixture.logger
        ).run()

        // Serial, a checkpoint per page: each user's entitlements take two writes (rows, checkpoint)
        // after the few of the resource step, so this crash comes after ~700 users' entitlements.
        let file = folder + "/sync.c1z"
        let crashedCalls = CallLog()
        let crashing = CrashingStore(path: file, crashAfterWrites: 1_405)
        await #expect(throws: CrashingStore.Crash.self) {
            _ = try await SyncEngine(
                connector: Self.connector(calls: crashedCalls), store: crashing, options: options,
                logger: Fixture.logger
            ).run()
        }
        let before = Self.entitlementListings(await crashedCalls.entries)
        #expect(before.count > 600 && before.count < Self.users.count, "\(before.count)")

        let resumedCalls = CallLog(), log = MessageLog()
        _ = try await SyncEngine(
            connector: Self.connector(calls: resumedCalls), store: C1ZSyncStore(path: file), options: options,
            logger: log.logger
        ).run()
        #expect(log.all.filter { $0.hasPrefix("resuming an unfinished sync") }.count == 1, "\(log.all)")
        let after = Self.entitlementListings(await resumedCalls.entries)
        // At most the listing in flight at the crash is repeated; none of the finished ones.
        #expect(after.count <= Self.users.count - before.count + 1, "\(after.count) after \(before.count)")
        #expect(Set(after).isDisjoint(with: before.dropLast()))
        #expect(Set(before + after).count == Self.users.count)
        #expect(try FileContents(path: file) == FileContents(path: folder + "/ref.c1z"))
    }
}

/// An in-memory store that records how the engine reads its resources back.
final class ReadRecordingStore: SyncStore {
    let inner = InMemorySyncStore()
    private let wholeReads = Mutex(0)
    private let limits = Mutex<[Int]>([])
    /// Calls of `storedResources()` (the whole list at once).
    var wholeListReads: Int { wholeReads.withLock { $0 } }
    /// The `limit` of each paged read, in order.
    var pageLimits: [Int] { limits.withLock { $0 } }

    func storedResources() async throws -> [StoredResource] {
        wholeReads.withLock { $0 += 1 }
        return try await inner.storedResources()
    }
    func storedResources(after cursor: Int64, limit: Int) async throws -> (resources: [StoredResource], next: Int64?) {
        limits.withLock { $0.append(limit) }
        return try await inner.storedResources(after: cursor, limit: limit)
    }

    func startSync(type: SyncType) async throws -> String { await inner.startSync(type: type) }
    func startSync(type: SyncType, resume: @escaping @Sendable (UnfinishedSync) -> ResumeDecision) async throws -> StartedSync {
        await inner.startSync(type: type, resume: resume)
    }
    func checkpoint(_ token: String) async throws { await inner.checkpoint(token) }
    func putResourceTypes(_ items: [ResourceType]) async throws { await inner.putResourceTypes(items) }
    func putResources(_ items: [Resource]) async throws { await inner.putResources(items) }
    func putEntitlements(_ items: [Entitlement]) async throws { await inner.putEntitlements(items) }
    func putGrants(_ items: [Grant]) async throws { await inner.putGrants(items) }
    func putSessionValues(_ values: [String: [UInt8]]) async throws { await inner.putSessionValues(values) }
    func sessionValues(prefix: String) async throws -> [String: [UInt8]] { await inner.sessionValues(prefix: prefix) }
    func expandableGrants() async throws -> [Grant] { await inner.expandableGrants() }
    func entitlements(ids: [String]) async throws -> [String: Entitlement] { await inner.entitlements(ids: ids) }
    func grants(entitlementId: String) async throws -> [Grant] { await inner.grants(entitlementId: entitlementId) }
    func grantPrincipals(entitlementId: String) async throws -> [ResourceId] { await inner.grantPrincipals(entitlementId: entitlementId) }
    func grant(entitlementId: String, principal: ResourceId) async throws -> Grant? {
        await inner.grant(entitlementId: entitlementId, principal: principal)
    }
    func grantCount() async throws -> Int { await inner.grantCount() }
    func entitlementCount() async throws -> Int { await inner.entitlementCount() }
    func finishSync() async throws { await inner.finishSync() }
    func abortSync() async { await inner.abortSync() }
}
