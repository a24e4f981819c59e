import BatonKit
import Foundation
import Testing

/// A syncer whose every page points at a new one.
private struct EndlessSyncer: ResourceSyncer {
    let resourceType = Fixture.userType
    func listResources(parent: ResourceId?, pageToken: String, context: SyncContext) async throws -> SyncPage<Resource> {
        let next = (Int(pageToken) ?? 0) + 1
        return SyncPage([Fixture.user("u\(next)")], nextPageToken: String(next))
    }
    func listEntitlements(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Entitlement> { .empty }
    func listGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> { .empty }
}

@Suite("Sync bounds")
struct SyncBoundsTests {
    @Test("a listing that always has a next page is stopped past the page bound, naming the listing")
    func endlessListingIsStopped() async throws {
        var options = SyncOptions()
        options.maxPagesPerListing = 50
        let error = await #expect(throws: BatonError.self) {
            _ = try await Fixture.sync(FakeConnector(syncers: [EndlessSyncer()]), options: options)
        }
        #expect(error?.message.contains("listing user resources") == true, "\(String(describing: error))")
        #expect(error?.message.contains("50 pages") == true)
    }

    @Test("the destination is locked and checked before the connector's first request")
    func destinationIsCheckedBeforeValidate() async throws {
        let calls = CallLog()
        var syncer = FakeSyncer(resourceType: Fixture.userType, resources: ["": [[Fixture.user("u1")]]])
        syncer.calls = calls
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString)/sync.c1z").path
        let engine = SyncEngine(
            connector: ValidationCounter(inner: FakeConnector(syncers: [syncer]), calls: calls),
            store: C1ZSyncStore(path: missing), logger: Fixture.logger)
        await #expect(throws: (any Error).self) { _ = try await engine.run() }
        let entries = await calls.entries
        #expect(entries.isEmpty, "the connector was called: \(entries)")
    }
}

/// Records `validate()` (the connector's first request) in `calls`.
private struct ValidationCounter: Connector {
    let inner: FakeConnector
    let calls: CallLog
    var syncers: [any ResourceSyncer] { inner.syncers }
    func metadata() async throws -> ConnectorMetadata { try await inner.metadata() }
    func validate() async throws { await calls.record("validate") }
}
