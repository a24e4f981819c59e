import BatonProto
import Foundation
import SwiftProtobuf
import Testing

@testable import BatonStore

@Suite struct EncodedRowsTests {
    /// A run of grants sharing one entitlement reuses its encoded bytes; the blob must still equal
    /// the deterministic encoding of the whole grant, including a map-bearing annotation on the
    /// entitlement's resource and a grant whose entitlement differs in one field only.
    @Test func sharedEntitlementBytesEqualWholeGrantEncoding() throws {
        var profile = Google_Protobuf_Struct()
        for key in ["zeta", "alpha", "mid", "beta", "omega"] {
            profile.fields[key] = Google_Protobuf_Value(stringValue: key.uppercased())
        }
        var role = C1_Connector_V2_Resource()
        role.id = C1_Connector_V2_ResourceId.with {
            $0.resourceType = "role"; $0.resource = "admin"
        }
        role.annotations = [Sample.any(C1_Connector_V2_RoleTrait.with { $0.profile = profile })]
        var entitlement = C1_Connector_V2_Entitlement()
        entitlement.id = "role:admin:assigned"
        entitlement.resource = role
        var renamed = entitlement
        renamed.displayName = "other"
        var grants: [C1_Connector_V2_Grant] = []
        for (index, target) in [entitlement, entitlement, renamed, entitlement].enumerated() {
            var grant = C1_Connector_V2_Grant()
            grant.entitlement = target
            grant.principal.id = C1_Connector_V2_ResourceId.with {
                $0.resourceType = "user"; $0.resource = "u\(index)"
            }
            grant.id = "\(target.id):user:u\(index)"
            grant.sources.sources = ["group:g\(index):member": .init(), "group:a:member": .init()]
            grants.append(grant)
        }
        let rows = try C1ZEncodedGrant.encode(grants)
        #expect(rows.count == grants.count)
        for (row, grant) in zip(rows, grants) {
            #expect(row.data == (try ProtoCoding.encode(ProtoCoding.normalized(grant))))
            #expect(row.entitlementID == grant.entitlement.id)
            #expect(row.principalID == grant.principal.id.resource)
        }
    }
}
