import BatonProto
import Foundation
import SwiftProtobuf
import Testing

@testable import BatonStore

/// Reads the Go connector's c1z and compares with what the `baton` CLI printed for it.
@Suite struct FixtureTests {
    /// Decodes one object of the CLI's `-o json` output back into our generated type.
    static func decode<M: SwiftProtobuf.Message>(_ object: Any, as type: M.Type) throws -> M {
        // JSON `Any` values resolve through the registry the store fills with every annotation type.
        #expect(ProtoCoding.annotationTypesRegistered)
        let data = try JSONSerialization.data(withJSONObject: object)
        return try M(jsonUTF8Data: data)
    }

    /// `Any` equality in swift-protobuf compares packed forms, so compare canonical packings.
    static func canonical<M: SwiftProtobuf.Message>(_ messages: [M]) -> [M] {
        messages.map { message in
            switch message {
            case let value as C1_Connector_V2_ResourceType: ProtoCoding.normalized(value) as! M
            case let value as C1_Connector_V2_Resource: ProtoCoding.normalized(value) as! M
            case let value as C1_Connector_V2_Entitlement: ProtoCoding.normalized(value) as! M
            case let value as C1_Connector_V2_Grant: ProtoCoding.normalized(value) as! M
            default: message
            }
        }
    }

    static func items(_ file: String, _ key: String) throws -> [[String: Any]] {
        try #require(try Fixture.json(file)[key] as? [[String: Any]])
    }

    @Test func listsTheSameObjectsAsTheBatonCLI() throws {
        let reader = try C1ZReader(path: Fixture.c1zPath)
        defer { reader.close() }

        let types = try Self.items("resource-types", "resourceTypes").map {
            try Self.decode($0["resourceType"]!, as: C1_Connector_V2_ResourceType.self)
        }
        #expect(Self.canonical(try reader.resourceTypes()) == Self.canonical(types))

        let resources = try Self.items("resources", "resources").map { try Self.decode($0["resource"]!, as: C1_Connector_V2_Resource.self) }
        #expect(Self.canonical(try reader.resources()) == Self.canonical(resources))
        #expect(!resources.isEmpty)

        let entitlements = try Self.items("entitlements", "entitlements").map {
            try Self.decode($0["entitlement"]!, as: C1_Connector_V2_Entitlement.self)
        }
        #expect(Self.canonical(try reader.entitlements()) == Self.canonical(entitlements))

        let grants = try Self.items("grants", "grants").map { try Self.decode($0["grant"]!, as: C1_Connector_V2_Grant.self) }
        #expect(Self.canonical(try reader.grants()) == Self.canonical(grants))
    }

    @Test func filteredListsAgreeWithTheCLIOutput() throws {
        let reader = try C1ZReader(path: Fixture.c1zPath)
        defer { reader.close() }
        let resources = try Self.items("resources", "resources").map { try Self.decode($0["resource"]!, as: C1_Connector_V2_Resource.self) }
        for type in Set(resources.map(\.id.resourceType)) {
            #expect(try reader.resources(ofType: type).map(\.id) == resources.filter { $0.id.resourceType == type }.map(\.id))
        }
        let grants = try Self.items("grants", "grants").map { try Self.decode($0["grant"]!, as: C1_Connector_V2_Grant.self) }
        for entitlementID in Set(grants.map(\.entitlement.id)) {
            #expect(
                try reader.grants(entitlementID: entitlementID).map(\.id) == grants.filter { $0.entitlement.id == entitlementID }.map(\.id))
        }
        for principal in Set(grants.map { "\($0.principal.id.resourceType):\($0.principal.id.resource)" }) {
            let expected = grants.filter { "\($0.principal.id.resourceType):\($0.principal.id.resource)" == principal }.map(\.id)
            let parts = principal.split(separator: ":").map(String.init)
            #expect(try reader.grants(principal: Sample.rid(parts[0], parts[1])).map(\.id) == expected)
        }
        for grant in grants { #expect(Self.canonical([try #require(try reader.grant(id: grant.id))]) == Self.canonical([grant])) }
        let entitlements = try Self.items("entitlements", "entitlements").map {
            try Self.decode($0["entitlement"]!, as: C1_Connector_V2_Entitlement.self)
        }
        for entitlement in entitlements {
            #expect(Self.canonical([try #require(try reader.entitlement(id: entitlement.id))]) == Self.canonical([entitlement]))
            #expect(Self.canonical(try reader.entitlements(resource: entitlement.resource.id)).contains(Self.canonical([entitlement])[0]))
        }
    }

    @Test func syncRunsMatchTheCLIOutput() throws {
        let reader = try C1ZReader(path: Fixture.c1zPath)
        defer { reader.close() }
        let expected = try Self.items("syncs", "syncs")
        let runs = try reader.syncRuns()
        #expect(runs.map(\.syncID) == expected.map { $0["id"] as! String })
        #expect(runs.map(\.syncType) == expected.map { $0["syncType"] as! String })
        #expect(runs.map(\.syncToken) == expected.map { $0["syncToken"] as! String })
        let rfc3339 = ISO8601DateFormatter()
        rfc3339.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for (run, json) in zip(runs, expected) {
            // The CLI prints nanoseconds; Foundation parses milliseconds, so compare within 1 ms.
            let started = try #require(rfc3339.date(from: String((json["startedAt"] as! String).prefix(23)) + "Z"))
            let ended = try #require(rfc3339.date(from: String((json["endedAt"] as! String).prefix(23)) + "Z"))
            #expect(abs(try #require(run.startedAt).timeIntervalSince(started)) < 0.001)
            #expect(abs(try #require(run.endedAt).timeIntervalSince(ended)) < 0.001)
        }
        #expect(reader.syncID == runs.last?.syncID)
    }

    @Test func rewritingTheFixtureKeepsEveryObject() async throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let source = try C1ZReader(path: Fixture.c1zPath)
        defer { source.close() }
        let path = dir.file("copy.c1z")
        try await withC1ZWriter(path: path) { writer in
            try await writer.put(resourceTypes: try source.resourceTypes())
            try await writer.put(resources: try source.resources())
            try await writer.put(entitlements: try source.entitlements())
            try await writer.put(grants: try source.grants())
        }
        let copy = try C1ZReader(path: path)
        defer { copy.close() }
        #expect(Self.canonical(try copy.resourceTypes()) == Self.canonical(try source.resourceTypes()))
        #expect(Self.canonical(try copy.resources()) == Self.canonical(try source.resources()))
        #expect(Self.canonical(try copy.entitlements()) == Self.canonical(try source.entitlements()))
        #expect(Self.canonical(try copy.grants()) == Self.canonical(try source.grants()))
    }
}
