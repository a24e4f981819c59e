import BatonKit
import BatonStore
import Foundation
import Testing

private func tempPath(_ name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("batonkit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

/// A group `eng` with member u1, synced into an in-memory store used as the "file".
private func syncedFixture(calls: CallLog) async throws -> (FakeConnector, InMemorySyncStore) {
    let eng = Fixture.group("eng"), u1 = Fixture.user("u1"), u2 = Fixture.user("u2")
    let member = Fixture.member(of: eng)
    var groups = FakeSyncer(
        resourceType: Fixture.groupType, resources: ["": [[eng]]],
        entitlements: [eng.id.key: [[member]]],
        grants: [eng.id.key: [[Grant.make(entitlement: member, principal: u1.id)]]])
    groups.calls = calls
    let users = FakeSyncer(resourceType: Fixture.userType, resources: ["": [[u1, u2]]])
    let connector = FakeConnector(syncers: [groups, users])
    let (_, store) = try await Fixture.sync(connector)
    return (connector, store)
}

private func runner(_ connector: FakeConnector, _ config: BatonConfiguration, lookup: InMemorySyncStore) -> BatonRunner {
    var runner = BatonRunner(connector: connector, configuration: config, logger: Fixture.logger)
    runner.openLookup = { _ in lookup }
    return runner
}

@Suite struct BatonRunnerTests {
    @Test func grantHydratesTheEntitlementResource() async throws {
        let calls = CallLog()
        let (connector, store) = try await syncedFixture(calls: calls)
        var config = BatonConfiguration()
        config.provisioning = true
        config.action = .grant(entitlementId: "group:eng:member", principalType: "user", principalId: "u2")
        let outcome = try await runner(connector, config, lookup: store).run()
        #expect(outcome.line == "granted: group:eng:member:user:u2")
        // The connector saw the stored resource (display name "eng"), not just an id.
        #expect(await calls.entries.contains("grant group:eng:member user:u2 resource=eng"))
    }

    @Test func revokeReadsTheStoredGrant() async throws {
        let calls = CallLog()
        let (connector, store) = try await syncedFixture(calls: calls)
        var config = BatonConfiguration()
        config.provisioning = true
        config.action = .revoke(grantId: "group:eng:member:user:u1")
        let outcome = try await runner(connector, config, lookup: store).run()
        #expect(outcome.line == "grant was already revoked")
        #expect(await calls.entries.contains("revoke group:eng:member:user:u1 resource=eng"))
    }

    @Test func unknownIdsFailWithoutCallingTheConnector() async throws {
        let calls = CallLog()
        let (connector, store) = try await syncedFixture(calls: calls)
        let before = await calls.entries.count
        var config = BatonConfiguration()
        config.provisioning = true
        config.action = .grant(entitlementId: "group:nope:member", principalType: "user", principalId: "u2")
        await #expect(throws: BatonError.notFound("entitlement group:nope:member not found in sync.c1z")) {
            try await runner(connector, config, lookup: store).run()
        }
        config.action = .grant(entitlementId: "group:eng:member", principalType: "user", principalId: "ghost")
        await #expect(throws: BatonError.notFound("principal user:ghost not found in sync.c1z")) {
            try await runner(connector, config, lookup: store).run()
        }
        config.action = .revoke(grantId: "nope")
        await #expect(throws: BatonError.self) { try await runner(connector, config, lookup: store).run() }
        #expect(await calls.entries.count == before)
    }

    @Test func provisioningOffAndServiceModeAreRefused() async throws {
        let calls = CallLog()
        let (connector, store) = try await syncedFixture(calls: calls)
        var config = BatonConfiguration()
        config.action = .revoke(grantId: "group:eng:member:user:u1")
        await #expect(throws: BatonError.failedPrecondition("provisioning is not enabled")) {
            try await runner(connector, config, lookup: store).run()
        }
        config.action = .service(clientId: "c@h/x", clientSecret: Secret("s"))
        await #expect(throws: BatonError.unimplemented("service mode (--client-id) is not supported in this build yet")) {
            try await runner(connector, config, lookup: store).run()
        }
    }

    @Test func missingTypeCapabilityIsAClearError() async throws {
        let (connector, store) = try await syncedFixture(calls: CallLog())
        var config = BatonConfiguration()
        config.provisioning = true
        config.action = .deleteResource(resourceType: "user", resourceId: "u1")
        await #expect(throws: BatonError.unimplemented("resource type \"user\" does not support deletion")) {
            try await runner(connector, config, lookup: store).run()
        }
    }

    @Test func syncWritesARealC1ZThatReadsBack() async throws {
        let (connector, _) = try await syncedFixture(calls: CallLog())
        var config = BatonConfiguration()
        config.file = try tempPath("sync.c1z")
        let outcome = try await BatonRunner(connector: connector, configuration: config, logger: Fixture.logger).run()
        guard case .synced(let summary, let file) = outcome else { Issue.record("not a sync"); return }
        #expect(file == config.file)
        let reader = try C1ZReader(path: config.file)
        defer { reader.close() }
        #expect(try reader.syncRuns().map(\.syncID) == [summary.syncId])
        #expect(try reader.syncRuns().first?.isFinished == true)
        #expect(try reader.resourceTypes().map(\.id) == ["group", "user"])
        #expect(try reader.resources().count == 3)
        #expect(try reader.entitlement(id: "group:eng:member")?.slug == "member")
        #expect(try reader.grant(id: "group:eng:member:user:u1") != nil)

        // One-shot grant against that file, through the real reader.
        let calls = CallLog()
        var provisioned = connector
        var groups = provisioned.syncers[0] as! FakeSyncer
        groups.calls = calls
        provisioned.syncers[0] = groups
        var grantConfig = config
        grantConfig.provisioning = true
        grantConfig.action = .grant(entitlementId: "group:eng:member", principalType: "user", principalId: "u2")
        _ = try await BatonRunner(connector: provisioned, configuration: grantConfig, logger: Fixture.logger).run()
        #expect(await calls.entries == ["grant group:eng:member user:u2 resource=eng"])
    }

    @Test func resourcesOnlySyncIsRecordedAsSuch() async throws {
        let (connector, _) = try await syncedFixture(calls: CallLog())
        var config = BatonConfiguration()
        config.file = try tempPath("sync.c1z")
        config.skipEntitlementsAndGrants = true
        _ = try await BatonRunner(connector: connector, configuration: config, logger: Fixture.logger).run()
        let reader = try C1ZReader(path: config.file)
        defer { reader.close() }
        #expect(try reader.syncRuns().map(\.syncType) == ["resources_only"])
        #expect(try reader.resources().count == 3)
        #expect(try reader.rawRows("select count(*) from v1_grants") == [["0"]])
    }

    @Test func failedSyncLeavesTheFileUntouched() async throws {
        var config = BatonConfiguration()
        config.file = try tempPath("sync.c1z")
        try await withC1ZWriter(path: config.file) { _ in }  // a previous (empty) sync
        let previous = try Data(contentsOf: URL(fileURLWithPath: config.file))
        let bare = Resource.make(id: ResourceId("user", "x"), displayName: "x")  // no UserTrait
        let connector = FakeConnector(syncers: [FakeSyncer(resourceType: Fixture.userType, resources: ["": [[bare]]])])
        await #expect(throws: BatonError.self) {
            try await BatonRunner(connector: connector, configuration: config, logger: Fixture.logger).run()
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: config.file)) == previous)
    }

    @Test func aFileThatIsNotAC1ZIsNeitherOverwrittenNorSynced() async throws {
        var config = BatonConfiguration()
        config.file = try tempPath("sync.c1z")
        try Data("previous".utf8).write(to: URL(fileURLWithPath: config.file))
        let connector = FakeConnector(syncers: [FakeSyncer(resourceType: Fixture.userType, resources: [:])])
        let error = await #expect(throws: C1ZError.self) {
            try await BatonRunner(connector: connector, configuration: config, logger: Fixture.logger).run()
        }
        guard case .unreadableDestination? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(error?.batonStatusCode == .invalidArgument)
        #expect(try String(contentsOfFile: config.file, encoding: .utf8) == "previous")
    }
}
