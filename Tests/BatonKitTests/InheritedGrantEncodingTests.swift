import BatonKit
import BatonProto
import Foundation
import Testing

@testable import BatonStore

/// The c1z store encodes inherited grants without building their messages; the rows must be
/// byte for byte what encoding `Grant.inherited(...)` gives, or a file would change with the path taken.
@Suite struct InheritedGrantEncodingTests {
    private static func entitlement(_ index: Int) -> Entitlement {
        var entitlement = Entitlement()
        let resource = ResourceId("group", "grp-\(index)")
        entitlement.id = Entitlement.id(resource: resource, slug: "member")
        entitlement.resource.id = resource
        if index % 2 == 0 { entitlement.displayName = "Group \(index) Member — ünïcode" }
        return entitlement
    }

    @Test func rowsEqualEncodingTheInheritedGrantMessages() throws {
        var random = SystemRandomNumberGenerator()
        let sourcePool = (0..<6).map { Entitlement.id(resource: ResourceId("group", "src-\($0)-ß"), slug: "member") }
        for index in 0..<8 {
            let destination = Self.entitlement(index)
            var encoder = try InheritedGrantEncoder(entitlement: destination, annotations: Grant.inheritedAnnotations)
            for _ in 0..<300 {
                let type = ["user", "group", "invite"].randomElement(using: &random)!
                let principal = ResourceId(
                    type,
                    String(repeating: "x", count: Int.random(in: 0...200, using: &random))
                        + "\(UInt32.random(in: 0...UInt32.max, using: &random))")
                let sources = Array(sourcePool.shuffled(using: &random).prefix(Int.random(in: 1...4, using: &random)))
                let message = Grant.inherited(destination: destination, principal: principal, sources: sources)
                let expected = try C1ZEncodedGrant(message)
                let row = try encoder.row(id: message.id, principal: principal, sources: sources)
                #expect(row.data == expected.data)
                #expect(row.externalID == expected.externalID)
                #expect(row.entitlementID == expected.entitlementID)
                #expect(row.resourceTypeID == expected.resourceTypeID && row.resourceID == expected.resourceID)
                #expect(row.principalTypeID == expected.principalTypeID && row.principalID == expected.principalID)
            }
        }
    }

    @Test func aGrantWithoutIdIsRefused() throws {
        var encoder = try InheritedGrantEncoder(entitlement: Self.entitlement(1), annotations: Grant.inheritedAnnotations)
        #expect(throws: C1ZError.self) { try encoder.row(id: "", principal: ResourceId("user", "u1"), sources: ["a"]) }
    }

    @Test func theDefaultStoreImplementationStoresTheInheritedGrantMessages() async throws {
        let store = InMemorySyncStore()
        _ = try await store.startSync(type: .full)
        let destination = Self.entitlement(2)
        let grants = [InheritedGrant(principal: ResourceId("user", "u1"), sources: ["group:g1:member"])]
        try await store.putInheritedGrants(grants, of: destination)
        let stored = try await store.grants(entitlementId: destination.id)
        #expect(stored == [Grant.inherited(destination: destination, principal: ResourceId("user", "u1"), sources: ["group:g1:member"])])
    }
}
