import BatonKit
import BatonStore
import Foundation
import Testing

/// The benchmark's breakdown comes from these timings: every step is recorded once, in order,
/// connector calls are counted per page, and the file store reports its inserts and finish.
@Suite struct SyncTimingsTests {
    @Test func recordsEveryStepConnectorCallsAndStoreWork() async throws {
        let group = Fixture.group("g")
        let role = Fixture.role("r")
        let users = ["u1", "u2"].map { Fixture.user($0) }
        let connector = FakeConnector(syncers: [
            FakeSyncer(resourceType: Fixture.userType, resources: ["": [users]]),
            FakeSyncer(
                resourceType: Fixture.groupType, resources: ["": [[group]]],
                entitlements: [group.id.key: [[Fixture.member(of: group)]]],
                grants: [group.id.key: [users.map { Grant.make(entitlement: Fixture.member(of: group), principal: $0) }]]),
            FakeSyncer(
                resourceType: Fixture.roleType, resources: ["": [[role]]],
                entitlements: [role.id.key: [[Fixture.member(of: role)]]],
                grants: [
                    role.id.key: [
                        [
                            Grant.make(
                                entitlement: Fixture.member(of: role), principal: group,
                                expandable: .make(entitlementIds: [Fixture.member(of: group).id]))
                        ]
                    ]
                ]),
        ])
        let folder = NSTemporaryDirectory() + "sync-timings-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = C1ZSyncStore(path: folder + "/out.c1z")
        let timings = SyncTimings()
        let summary = try await SyncEngine(connector: connector, store: store, logger: Fixture.logger, timings: timings).run()

        #expect(timings.phases.map(\.name) == ["resources", "entitlements", "grants", "expansion", "finish"])
        #expect(timings.phases.allSatisfy { $0.seconds >= 0 })
        // One page each: 3 resource listings, 4 resources' entitlements and 4 resources' grants.
        #expect(timings.connectorCalls == 3 + 4 + 4)
        #expect(summary.expandedGrants == 2)
        let written = await store.timings.writer
        let objects = summary.resourceTypes + summary.resources + summary.entitlements + summary.grants + summary.expandedGrants
        #expect(written.rowsWritten == objects)
        #expect(written.insertSeconds > 0)
        #expect(written.compressSeconds > 0)
        #expect(written.verifySeconds > 0)
    }
}
