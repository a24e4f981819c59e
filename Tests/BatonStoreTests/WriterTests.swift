import BatonProto
import Foundation
import Testing

@testable import BatonStore

@Suite struct WriterTests {
    @Test func upsertCollapsesDuplicatesLastWriteWins() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let path = dir.file("sync.c1z")
        let sample = SampleSync.make()
        var renamed = sample.resources[1]
        renamed.displayName = "renamed"
        var annotated = sample.grants[0]
        annotated.annotations = [Sample.any(C1_Connector_V2_GrantImmutable.with { $0.sourceID = "x" })]

        try await withC1ZWriter(path: path, options: C1ZWriterOptions(rowsPerTransaction: 2)) { writer in
            try await writer.put(resourceTypes: sample.types + sample.types)
            try await writer.put(resources: sample.resources)
            try await writer.put(resources: [renamed])
            try await writer.put(entitlements: sample.entitlements + sample.entitlements)
            try await writer.put(grants: sample.grants)
            try await writer.upsert(grant: annotated)
            #expect(try await writer.counts() == C1ZCounts(resourceTypes: 4, resources: 4, entitlements: 2, grants: 3))
        }
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        #expect(try reader.resourceTypes().count == 4)
        #expect(try reader.resources(ofType: "user") == [ProtoCoding.normalized(renamed)])
        #expect(try reader.grants().count == 3)
        #expect(try reader.grant(id: annotated.id) == ProtoCoding.normalized(annotated))
        // The upsert keeps the row (and its place in rowid order).
        #expect(try reader.grants().first == ProtoCoding.normalized(annotated))
    }

    @Test func readBackQueriesServeGrantExpansion() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let sample = SampleSync.make()
        let expected = sample.normalized()
        try await withC1ZWriter(path: dir.file("sync.c1z"), options: C1ZWriterOptions(rowsPerTransaction: 1_000)) { writer in
            try await writer.put(resourceTypes: sample.types)
            try await writer.put(resources: sample.resources)
            try await writer.put(entitlements: sample.entitlements)
            try await writer.put(grants: Array(sample.grants[0...1]))

            #expect(try await writer.entitlement(id: "group:g1:member") == expected.entitlements[0])
            #expect(try await writer.entitlement(id: "nope") == nil)
            #expect(try await writer.resource(id: Sample.rid("user", "u1")) == expected.resources[1])
            #expect(try await writer.resourceTypes() == expected.types)
            let page = try await writer.resources(ofType: "workspace")
            #expect(page.items == [expected.resources[0]] && page.nextCursor == nil)
            let first = try await writer.resources(after: 0, limit: 3)
            #expect(first.items.count == 3)
            let rest = try await writer.resources(after: try #require(first.nextCursor), limit: 3)
            #expect(rest.items == [expected.resources[3]] && rest.nextCursor == nil)

            let expandable = try await writer.expandableGrants()
            #expect(expandable.items == [expected.grants[1]])
            #expect(try await writer.grants(forEntitlement: "group:g1:member") == [expected.grants[0]])

            try await writer.upsert(grant: sample.grants[2])
            #expect(try await writer.grants(forEntitlement: "role:r1:member") == [expected.grants[1], expected.grants[2]])
            #expect(try await writer.grants(forEntitlement: "role:r1:member", principal: Sample.rid("user", "u1")) == [expected.grants[2]])
            #expect(try await writer.grant(id: sample.grants[2].id) == expected.grants[2])
        }
    }

    @Test func expandableGrantPagesSkipLookalikes() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let sample = SampleSync.make()
        try await withC1ZWriter(path: dir.file("sync.c1z")) { writer in
            // A grant whose display text merely mentions the type name is not expandable.
            var lookalike = sample.grants[0]
            lookalike.principal.displayName = "c1.connector.v2.GrantExpandable"
            var expandables: [C1_Connector_V2_Grant] = []
            for index in 0..<5 {
                var grant = sample.grants[1]
                grant.id += ":\(index)"
                expandables.append(grant)
            }
            try await writer.put(grants: [lookalike] + expandables)
            let expectedExpandables = expandables.map(ProtoCoding.normalized)
            let first = try await writer.expandableGrants(limit: 3)
            #expect(first.items == Array(expectedExpandables[0..<3]))
            let second = try await writer.expandableGrants(after: try #require(first.nextCursor), limit: 3)
            #expect(second.items == Array(expectedExpandables[3...]) && second.nextCursor == nil)
        }
    }

    @Test func refusesObjectsTheCLICouldNotRead() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try C1ZWriter(path: dir.file("sync.c1z"), options: C1ZWriterOptions(tempDirectory: dir.path))
        await #expect(throws: C1ZError.self) { try await writer.put(resources: [C1_Connector_V2_Resource()]) }
        var grant = SampleSync.make().grants[0]
        grant.clearPrincipal()
        await #expect(throws: C1ZError.self) { try await writer.put(grants: [grant]) }
        await writer.abort()
        await #expect(throws: C1ZError.writerClosed) { try await writer.put(resourceTypes: []) }
        #expect(try dir.contents().isEmpty)
    }
}
