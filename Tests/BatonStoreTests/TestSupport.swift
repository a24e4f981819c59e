import BatonProto
import Foundation
import SwiftProtobuf

@testable import BatonStore

/// A fresh directory for one test, removed by `cleanup()`.
struct TempDir {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("batonstore-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Names of the entries directly inside, sorted.
    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }

    /// Creates (and returns) a subdirectory.
    func subdirectory(_ name: String) throws -> String {
        let sub = file(name)
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        return sub
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

enum Fixture {
    static var directory: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }
    static var c1zPath: String { directory.appendingPathComponent("go-baton-segment.c1z").path }

    /// The `baton` CLI's JSON output for the fixture, e.g. `json("resources")["resources"]`.
    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent("go-baton-segment.baton-\(name).json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }
}

/// Small builders for test objects.
enum Sample {
    static func rid(_ type: String, _ id: String) -> C1_Connector_V2_ResourceId {
        .with {
            $0.resourceType = type; $0.resource = id
        }
    }

    static func any<M: SwiftProtobuf.Message>(_ message: M) -> Google_Protobuf_Any {
        try! Google_Protobuf_Any(message: message)
    }

    static func resourceType(_ id: String, traits: [C1_Connector_V2_ResourceType.Trait] = []) -> C1_Connector_V2_ResourceType {
        .with {
            $0.id = id; $0.displayName = id.capitalized; $0.traits = traits
        }
    }

    static func resource(_ type: String, _ id: String, parent: C1_Connector_V2_ResourceId? = nil) -> C1_Connector_V2_Resource {
        .with {
            $0.id = rid(type, id)
            if let parent { $0.parentResourceID = parent }
            $0.displayName = "\(type) \(id)"
        }
    }

    static func entitlement(on resource: C1_Connector_V2_Resource, slug: String) -> C1_Connector_V2_Entitlement {
        .with {
            $0.resource = resource
            $0.id = "\(resource.id.resourceType):\(resource.id.resource):\(slug)"
            $0.slug = slug
            $0.displayName = slug
            $0.purpose = .assignment
        }
    }

    static func grant(_ entitlement: C1_Connector_V2_Entitlement, to principal: C1_Connector_V2_Resource) -> C1_Connector_V2_Grant {
        .with {
            $0.entitlement = .with {
                $0.id = entitlement.id; $0.resource = entitlement.resource
            }
            $0.principal = principal
            $0.id = "\(entitlement.id):\(principal.id.resourceType):\(principal.id.resource)"
        }
    }
}

/// Writes a small but complete c1z and returns what went in.
struct SampleSync {
    var types: [C1_Connector_V2_ResourceType] = []
    var resources: [C1_Connector_V2_Resource] = []
    var entitlements: [C1_Connector_V2_Entitlement] = []
    var grants: [C1_Connector_V2_Grant] = []

    static func make() -> SampleSync {
        var sync = SampleSync()
        sync.types = [
            Sample.resourceType("workspace"),
            Sample.resourceType("user", traits: [.user]),
            Sample.resourceType("group", traits: [.group]),
            Sample.resourceType("role", traits: [.role]),
        ]
        let workspace = Sample.resource("workspace", "w1")
        var workspaceWithChildren = workspace
        workspaceWithChildren.annotations = ["user", "group", "role"].map { type in
            Sample.any(C1_Connector_V2_ChildResourceType.with { $0.resourceTypeID = type })
        }
        var user = Sample.resource("user", "u1", parent: workspace.id)
        user.annotations = [
            Sample.any(
                C1_Connector_V2_UserTrait.with {
                    $0.emails = [
                        .with {
                            $0.address = "u1@example.com"; $0.isPrimary = true
                        }
                    ]
                    $0.status = .with { $0.status = .enabled }
                    $0.accountType = .human
                    $0.profile = .init(fields: ["login": .init(stringValue: "u1@example.com"), "a": .init(numberValue: 1)])
                })
        ]
        let group = Sample.resource("group", "g1", parent: workspace.id)
        let role = Sample.resource("role", "r1", parent: workspace.id)
        sync.resources = [workspaceWithChildren, user, group, role]

        let groupMember = Sample.entitlement(on: group, slug: "member")
        let roleMember = Sample.entitlement(on: role, slug: "member")
        sync.entitlements = [groupMember, roleMember]

        let membership = Sample.grant(groupMember, to: user)
        var roleViaGroup = Sample.grant(roleMember, to: group)
        roleViaGroup.annotations = [
            Sample.any(
                C1_Connector_V2_GrantExpandable.with {
                    $0.entitlementIds = [groupMember.id]
                    $0.resourceTypeIds = ["user"]
                })
        ]
        var expanded = Sample.grant(roleMember, to: user)
        expanded.sources = .with { $0.sources = [groupMember.id: .init(), roleMember.id: .with { $0.isDirect = true }] }
        expanded.annotations = [
            Sample.any(
                C1_Connector_V2_GrantMetadata.with {
                    $0.metadata = .init(fields: ["z": .init(stringValue: "last"), "a": .init(boolValue: true)])
                })
        ]
        sync.grants = [membership, roleViaGroup, expanded]
        return sync
    }

    func write(to path: String, options: C1ZWriterOptions = C1ZWriterOptions()) async throws -> String {
        try await withC1ZWriter(path: path, options: options) { writer in
            try await writer.put(resourceTypes: types)
            try await writer.put(resources: resources)
            try await writer.put(entitlements: entitlements)
            try await writer.put(grants: grants)
            return writer.syncID
        }
    }
}

extension SampleSync {
    /// What reads back: annotations re-packed deterministically (see DeterministicAnnotations.swift).
    func normalized() -> SampleSync {
        SampleSync(
            types: types.map(ProtoCoding.normalized), resources: resources.map(ProtoCoding.normalized),
            entitlements: entitlements.map(ProtoCoding.normalized), grants: grants.map(ProtoCoding.normalized))
    }
}
