import BatonKit
import BatonStore
import Foundation
import Testing

/// One-shot provisioning reads the synced file in place: its lookups find what a reader of the
/// decoded image finds, and no decoded copy is written.
@Suite struct ProvisioningLookupTests {
    @Test func theLookupReadsTheSyncedFileInPlaceAndFindsWhatTheDecodedImageHolds() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lookup-\(UUID().uuidString)").path
        let scratch = folder + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let users = (1...300).map { Fixture.user("u\($0)") }
        let groups = (1...12).map { Fixture.group("g\($0)") }
        var groupSyncer = FakeSyncer(resourceType: Fixture.groupType, resources: ["": [groups]])
        for (index, group) in groups.enumerated() {
            let member = Fixture.member(of: group)
            groupSyncer.entitlements[group.id.key] = [[member]]
            groupSyncer.grants[group.id.key] = [
                users.enumerated().filter { $0.offset % groups.count == index }.map {
                    Grant.make(entitlement: member, principal: $0.element.id)
                }
            ]
        }
        let connector = FakeConnector(syncers: [groupSyncer, FakeSyncer(resourceType: Fixture.userType, resources: ["": [users]])])
        var config = BatonConfiguration()
        config.file = folder + "/sync.c1z"
        _ = try await BatonRunner(connector: connector, configuration: config, logger: Fixture.logger).run()

        let lookup = try C1ZLookup(path: config.file, tempDirectory: scratch)
        defer { lookup.close() }
        let decoded = try C1ZReader(path: config.file)
        defer { decoded.close() }
        #expect(lookup.readsInPlace)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty, "no decoded copy")
        for group in groups {
            let id = "\(group.id.key):member"
            #expect(try lookup.entitlement(id: id) == decoded.entitlement(id: id))
            #expect(try lookup.entitlement(id: id) != nil)
            #expect(try lookup.resource(id: group.id) == decoded.resource(id: group.id))
        }
        for (index, user) in users.enumerated() {
            let id = "group:g\(index % groups.count + 1):member:user:\(user.id.resource)"
            #expect(try lookup.grant(id: id) == decoded.grant(id: id))
            #expect(try lookup.grant(id: id) != nil)
            #expect(try lookup.resource(id: user.id) == decoded.resource(id: user.id))
        }
        #expect(try lookup.grant(id: "group:g1:member:user:nobody") == nil)
    }
}
