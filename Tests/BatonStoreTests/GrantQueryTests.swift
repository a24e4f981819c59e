import BatonProto
import Foundation
import Testing

@testable import BatonStore

@Suite struct GrantQueryTests {
    @Test func grantsAreSelectedByPrincipalTypeResourceTypeAndEntitlementId() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let sample = SampleSync.make()
        _ = try await sample.write(to: path)
        let reader = try C1ZReader(path: path)
        defer { reader.close() }

        let ids = { (query: GrantQuery) in try reader.grants(matching: query).map(\.id) }
        #expect(try ids(GrantQuery()) == sample.grants.map(\.id))
        #expect(try ids(GrantQuery(principalType: "group")) == ["role:r1:member:group:g1"])
        #expect(try ids(GrantQuery(principalType: "user", resourceTypes: ["role"])) == ["role:r1:member:user:u1"])
        #expect(try ids(GrantQuery(principalType: "user", excludedResourceTypes: ["role"])) == ["group:g1:member:user:u1"])
        #expect(try ids(GrantQuery(entitlementIdContains: "g1:member")) == ["group:g1:member:user:u1"])
        #expect(try ids(GrantQuery(limit: 1)) == [sample.grants[0].id])
        // Values are bound, never spliced into SQL.
        #expect(try ids(GrantQuery(principalType: "user' or '1'='1")).isEmpty)
    }
}
