import BatonProto
import Foundation
import SwiftProtobuf
import Testing

@testable import BatonStore

@Suite struct RoundTripTests {
    @Test func everyObjectKindReadsBackIdentically() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let sample = SampleSync.make()
        let expected = sample.normalized()
        let before = Date()
        let syncID = try await sample.write(to: path)
        let after = Date()

        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        #expect(reader.syncID == syncID)
        #expect(try reader.resourceTypes() == expected.types)
        #expect(try reader.resources() == expected.resources)
        #expect(try reader.resources(ofType: "user") == [expected.resources[1]])
        #expect(try reader.resources(parent: Sample.rid("workspace", "w1")).map(\.id.resource) == ["u1", "g1", "r1"])
        #expect(try reader.resource(id: Sample.rid("group", "g1")) == expected.resources[2])
        #expect(try reader.entitlements() == expected.entitlements)
        #expect(try reader.entitlements(resource: Sample.rid("role", "r1")) == [expected.entitlements[1]])
        #expect(try reader.entitlement(id: "group:g1:member") == expected.entitlements[0])
        #expect(try reader.grants() == expected.grants)
        #expect(try reader.grants(entitlementID: "role:r1:member") == [expected.grants[1], expected.grants[2]])
        #expect(try reader.grants(principal: Sample.rid("user", "u1")) == [expected.grants[0], expected.grants[2]])
        #expect(try reader.grants(resource: Sample.rid("group", "g1")) == [expected.grants[0]])
        #expect(try reader.grant(id: "role:r1:member:group:g1") == expected.grants[1])
        #expect(try reader.grant(id: "missing") == nil)
        // GrantExpandable stays in the blob's annotations (legacy storage).
        #expect(try reader.grant(id: "role:r1:member:group:g1").flatMap(ProtoCoding.grantExpandable)?.entitlementIds == ["group:g1:member"])

        let runs = try reader.syncRuns()
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run.syncID == syncID && run.syncType == "full" && run.syncToken == "")
        #expect(run.parentSyncID == "" && run.linkedSyncID == "" && !run.supportsDiff)
        let started = try #require(run.startedAt)
        let ended = try #require(run.endedAt)
        #expect(started >= before.addingTimeInterval(-0.001) && ended <= after.addingTimeInterval(0.001) && started <= ended)
        #expect(C1ZTimestamp.format(started) == run.startedAtText)
        // KSUID: 27 base62 chars whose time prefix is the start second.
        #expect(syncID.count == 27 && syncID.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(KSUID.date(of: syncID) == Date(timeIntervalSince1970: started.timeIntervalSince1970.rounded(.down)))
    }

    @Test func derivedColumnsFollowTheSpec() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let syncID = try await SampleSync.make().write(to: path)
        let reader = try C1ZReader(path: path)
        defer { reader.close() }

        #expect(
            try reader.rawRows("select external_id from v1_resource_types order by id").map { $0[0]! }
                == ["workspace", "user", "group", "role"])
        #expect(
            try reader.rawRows(
                "select resource_type_id, external_id, parent_resource_type_id, parent_resource_id from v1_resources order by id")
                == [
                    ["workspace", "workspace:w1", nil, nil], ["user", "user:u1", "workspace", "w1"],
                    ["group", "group:g1", "workspace", "w1"], ["role", "role:r1", "workspace", "w1"],
                ])
        #expect(
            try reader.rawRows("select resource_type_id, resource_id, external_id from v1_entitlements order by id")
                == [["group", "g1", "group:g1:member"], ["role", "r1", "role:r1:member"]])
        #expect(
            try reader.rawRows(
                """
                select resource_type_id, resource_id, entitlement_id, principal_resource_type_id, principal_resource_id,
                       external_id, expansion, needs_expansion from v1_grants order by id
                """) == [
                    ["group", "g1", "group:g1:member", "user", "u1", "group:g1:member:user:u1", nil, "0"],
                    ["role", "r1", "role:r1:member", "group", "g1", "role:r1:member:group:g1", nil, "0"],
                    ["role", "r1", "role:r1:member", "user", "u1", "role:r1:member:user:u1", nil, "0"],
                ])
        for table in ["v1_resource_types", "v1_resources", "v1_entitlements", "v1_grants", "v1_sync_runs"] {
            #expect(try reader.rawRows("select distinct sync_id from \(table)").map { $0[0] } == [syncID], "\(table) sync ids")
        }
        #expect(
            try reader.rawRows("select count(*) from v1_assets union all select count(*) from v1_connector_sessions")
                .map { $0[0] } == ["0", "0"])
    }

    @Test func blobsAreDeterministicProtobuf() async throws {
        // Map fields (grant sources, struct fields) must serialize in sorted order.
        let grant = SampleSync.make().grants[2]
        let first = try ProtoCoding.encode(grant)
        for _ in 0..<5 {
            var copy = C1_Connector_V2_Grant()
            try copy.merge(serializedBytes: first)
            #expect(try ProtoCoding.encode(copy) == first)
        }
    }

    @Test func annotationsUseSDKTypeURLs() {
        #expect(Sample.any(C1_Connector_V2_UserTrait()).typeURL == "type.googleapis.com/c1.connector.v2.UserTrait")
        #expect(Sample.any(C1_Connector_V2_GrantExpandable()).typeURL == "type.googleapis.com/c1.connector.v2.GrantExpandable")
        #expect(Sample.any(C1_C1z_V1_SyncDetails()).typeURL == "type.googleapis.com/c1.c1z.v1.SyncDetails")
    }
}

@Suite struct DeterminismTests {
    @Test func mapsInsideAnnotationsAreStoredInSortedKeyOrder() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        // Enough keys that hash order is (practically) never the sorted order.
        let keys = (0..<40).map { String(format: "key%02d", $0) }
        var resource = Sample.resource("user", "u9")
        resource.annotations = [
            Sample.any(
                C1_Connector_V2_UserTrait.with {
                    $0.profile = .init(fields: Dictionary(uniqueKeysWithValues: keys.shuffled().map { ($0, .init(stringValue: "v")) }))
                })
        ]
        let path = dir.file("sync.c1z")
        try await withC1ZWriter(path: path) { writer in try await writer.put(resources: [resource]) }
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        let hex = try #require(try reader.rawRows("select data from v1_resources").first?.first ?? nil)
        let positions = keys.map { key in
            hex.range(of: Array(key.utf8).map { String(format: "%02x", $0) }.joined())?.lowerBound
        }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        // Same object again → same bytes.
        #expect(try ProtoCoding.encode(ProtoCoding.normalized(resource)) == ProtoCoding.encode(ProtoCoding.normalized(resource)))
    }

    @Test func deterministicAnyPacksSortedBytes() throws {
        let trait = C1_Connector_V2_GrantMetadata.with {
            $0.metadata = .init(fields: Dictionary(uniqueKeysWithValues: (0..<30).map { ("k\($0)", .init(numberValue: Double($0))) }))
        }
        let packed = try Google_Protobuf_Any(deterministic: trait)
        #expect(packed.typeURL == "type.googleapis.com/c1.connector.v2.GrantMetadata")
        #expect([UInt8](packed.value) == (try ProtoCoding.encode(trait)))
        #expect(try C1_Connector_V2_GrantMetadata(unpackingAny: packed) == trait)
    }
}
