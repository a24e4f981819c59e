import BatonKit
import SegmentAPI
import Testing

@testable import SegmentConnector

/// The pure parts: removing one tuple from a permission list, and decoding entitlement ids.
@Suite struct ProvisioningUnitTests {
    @Test func removalTakesExactlyOneTupleAndKeepsEverythingElse() throws {
        let labels = [Label(key: "team", value: "data", description: "Data team"), Label(key: "env", value: "prod")]
        let extra: [String: JSONValue] = ["future": .string("kept")]
        let permissions = [
            Permission(
                roleId: "admin",
                resources: [
                    PermissionResource(id: "A", type: .source),
                    PermissionResource(id: "B", type: .source, additionalFields: extra),
                ]),
            Permission(roleId: "admin", resources: [PermissionResource(id: "W", type: .workspace, labels: labels)]),
            Permission(roleId: "reader", resources: [PermissionResource(id: "W", type: .workspace)], labels: labels),
            Permission(roleId: "admin", resources: [PermissionResource(id: "A", type: .source)]),  // a duplicate
        ]
        let remaining = try #require(
            PermissionRemoval.removing(
                PermissionTuple(roleId: "admin", resourceType: .source, resourceId: "A"), from: permissions))
        #expect(
            remaining == [
                PermissionInput(roleId: "admin", resources: [PermissionResource(id: "B", type: .source, additionalFields: extra)]),
                PermissionInput(roleId: "admin", resources: [PermissionResource(id: "W", type: .workspace, labels: labels)]),
                PermissionInput(roleId: "reader", resources: [PermissionResource(id: "W", type: .workspace, labels: labels)]),
            ])
        // Labels are part of the identity: the unlabelled role is not the labelled one.
        #expect(
            PermissionRemoval.removing(PermissionTuple(roleId: "admin", resourceType: .workspace, resourceId: "W"), from: permissions)
                == nil)
        let labelled = try #require(
            PermissionRemoval.removing(
                PermissionTuple(roleId: "reader", resourceType: .workspace, resourceId: "W", labels: labels.reversed()), from: permissions))
        #expect(!labelled.contains { $0.roleId == "reader" })
        #expect(labelled.count == 3)
    }

    @Test func entitlementIdsDecodeExactlyAsTheSyncWritesThem() throws {
        func entitlement(_ type: String, _ id: String, _ slug: String) -> Entitlement {
            Entitlement.assignment(resource: Resource.make(id: ResourceId(type, id), displayName: id), slug: slug)
        }
        #expect(try ProvisioningTarget.decode(entitlement("workspace", "W", "member")) == .workspaceMembership(workspaceId: "W"))
        #expect(try ProvisioningTarget.decode(entitlement("group", "G", "member")) == .groupMembership(groupId: "G"))
        #expect(
            try ProvisioningTarget.decode(entitlement("role", "R", "member"))
                == .permission(role: .id("R"), resourceType: .workspace, resourceId: nil, labels: []))
        #expect(
            try ProvisioningTarget.decode(entitlement("role", "R", "member:labels:team=data,env=prod"))
                == .permission(
                    role: .id("R"), resourceType: .workspace, resourceId: nil,
                    labels: [Label(key: "env", value: "prod"), Label(key: "team", value: "data")]))
        #expect(
            try ProvisioningTarget.decode(entitlement("space", "S", "engage_user"))
                == .permission(role: .slug("engage_user"), resourceType: .space, resourceId: "S", labels: []))
        for (type, slug) in [
            ("workspace", "admin"), ("group", "owner"), ("role", "member:labels:"), ("role", "member:labels:env"),
            ("role", "admin"), ("user", "member"), ("invite", "member"), ("source", ""),
        ] {
            #expect(throws: SegmentConnectorError.self, "\(type):\(slug)") { try ProvisioningTarget.decode(entitlement(type, "X", slug)) }
        }
        var mismatched = entitlement("source", "A", "source_admin")
        mismatched.id = "source:B:source_admin"
        #expect(throws: SegmentConnectorError.self) { try ProvisioningTarget.decode(mismatched) }
    }
}
