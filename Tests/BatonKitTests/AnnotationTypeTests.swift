import BatonKit
import BatonProto
import SwiftProtobuf
import Testing

/// `holds` replaces swift-protobuf's `isA` on the sync's hot path, so it must give the same
/// answer for every shape of type URL, not only the canonical one.
@Suite struct AnnotationTypeTests {
    @Test(arguments: [
        "type.googleapis.com/c1.connector.v2.SkipGrants",
        "example.com/types/c1.connector.v2.SkipGrants",
        "c1.connector.v2.SkipGrants",
        "/c1.connector.v2.SkipGrants",
        "type.googleapis.com/c1.connector.v2.XSkipGrants",
        "type.googleapis.com/xc1.connector.v2.SkipGrants",
        "type.googleapis.com/c1.connector.v2.SkipGrants/",
        "type.googleapis.com/c1.connector.v2.SkipGrant",
        "type.googleapis.com/c1.connector.v2.SkipEntitlements",
        "v2.SkipGrants",
        "",
    ])
    func holdsAgreesWithIsA(typeURL: String) {
        var annotation = Annotation()
        annotation.typeURL = typeURL
        #expect(annotation.holds(C1_Connector_V2_SkipGrants.self) == annotation.isA(C1_Connector_V2_SkipGrants.self))
    }

    @Test func containsFindsAnAnnotationByType() {
        let annotations = [Annotation(C1_Connector_V2_SkipEntitlements()), Annotation(C1_Connector_V2_SkipGrants())]
        #expect(annotations.contains(C1_Connector_V2_SkipGrants.self))
        #expect(!annotations.contains(C1_Connector_V2_SkipEntitlementsAndGrants.self))
    }
}
