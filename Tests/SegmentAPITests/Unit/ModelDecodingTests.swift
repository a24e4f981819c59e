import Foundation
import Testing

@testable import SegmentAPI

@Suite struct ModelDecodingTests {
    func data(_ text: String) -> Data { Data(text.utf8) }

    @Test func userWithLabelScopedPermissionsDecodes() throws {
        let body = """
            {"data":{"user":{"id":"u1","name":"Jane","email":"jane@example.com","permissions":[
              {"roleId":"r1","roleName":"Source Admin","policyId":"p1",
               "resources":[{"id":"w1","type":"WORKSPACE","labels":[{"key":"env","value":"prod","description":"Prod"}]}]},
              {"roleId":"r2","roleName":"Source Read-only","resources":[{"id":"s1","type":"SOURCE"},{"id":"s2","type":"SOURCE"}]}]}}}
            """
        let user: User = try PayloadDecoding.object(data(body), key: "user")
        #expect(user.email == "jane@example.com")
        #expect(user.permissions?.count == 2)
        #expect(user.permissions?[0].resources[0].labels == [Label(key: "env", value: "prod", description: "Prod")])
        #expect(user.permissions?[1].resources.map(\.type) == [.source, .source])
    }

    @Test func pagesDecodeLenientlyAndStopOnMissingNullOrEmptyNext() throws {
        let withNext: Page<User> = try PayloadDecoding.page(
            data(#"{"data":{"users":[{"id":"a"}],"pagination":{"current":"MA==","next":"MQ==","totalEntries":2.5}}}"#), key: "users")
        #expect(withNext.next == "MQ==" && withNext.totalEntries == 2.5 && withNext.current == "MA==")
        for pagination in [#"{"current":"MQ=="}"#, #"{"current":"MQ==","next":null}"#, #"{"current":"MQ==","next":""}"#] {
            let last: Page<User> = try PayloadDecoding.page(
                data(#"{"data":{"users":[{"id":"b"}],"pagination":\#(pagination)}}"#), key: "users")
            #expect(last.next == nil)
        }
        let noPagination: Page<AuditEvent> = try PayloadDecoding.page(data(#"{"data":{"events":[]}}"#), key: "events")
        #expect(noPagination.items.isEmpty && noPagination.next == nil)
    }

    @Test func aMissingPayloadKeyIsAnErrorNotAnEmptyList() {
        #expect(throws: DecodingError.self) {
            let _: Page<UserGroup> = try PayloadDecoding.page(data(#"{"data":{"groups":[]}}"#), key: "userGroups")
        }
    }

    @Test func invitesAreStringsAndGroupsCarryFractionalMemberCounts() throws {
        let invites: Page<String> = try PayloadDecoding.page(
            data(#"{"data":{"invites":["a@b.c"],"pagination":{"current":"MA=="}}}"#),
            key: "invites")
        #expect(invites.items == ["a@b.c"])
        let group: UserGroup = try PayloadDecoding.object(
            data(#"{"data":{"userGroup":{"id":"g","name":"G","memberCount":3.0}}}"#),
            key: "userGroup")
        #expect(group.memberCount == 3 && group.permissions == nil)
    }

    @Test func warehousesKeepOnlyTheSettingsNameAndSourcesDropSecrets() throws {
        let warehouse: Warehouse = try PayloadDecoding.object(
            data(
                """
                {"data":{"warehouse":{"id":"w1","enabled":true,"settings":{"name":"Prod WH","password":"hunter2"},
                 "metadata":{"id":"m","name":"Snowflake","slug":"snowflake"}}}}
                """), key: "warehouse")
        #expect(warehouse.displayName == "Prod WH")
        #expect(!String(decoding: try JSONEncoder().encode(warehouse), as: UTF8.self).contains("hunter2"))
        #expect(Warehouse(id: "w2", metadata: CatalogMetadata(name: "Redshift")).displayName == "Redshift (w2)")
        let source: Source = try PayloadDecoding.object(
            data(
                """
                {"data":{"source":{"id":"s1","slug":"web","enabled":true,"writeKeys":["wk"],"settings":{"k":"v"},
                 "labels":[{"key":"env","value":"dev"}],"metadata":{"id":"m","name":"JavaScript","slug":"js"}}}}
                """), key: "source")
        #expect(source.displayName == "web" && source.labels?.first?.identity == "env:dev")
        #expect(!String(decoding: try JSONEncoder().encode(source), as: UTF8.self).contains("wk"))
    }

    @Test func functionsAndResourceTypesTolerateUnknownValues() throws {
        let page: Page<SegmentFunction> = try PayloadDecoding.page(
            data(#"{"data":{"functions":[{"id":"f","resourceType":"SOMETHING_NEW"},{}],"pagination":{"current":"MA=="}}}"#),
            key: "functions")
        #expect(page.items.count == 2 && page.items[0].resourceType == "SOMETHING_NEW")
        let resource = try JSONDecoder().decode(PermissionResource.self, from: data(#"{"id":"x","type":"DESTINATION"}"#))
        #expect(resource.type.rawValue == "DESTINATION")
        #expect(
            FunctionResourceType.allCases.map(\.rawValue)
                == ["SOURCE", "DESTINATION", "INSERT_SOURCE", "INSERT_DESTINATION", "INSERT_TRANSFORMATION"])
    }

    @Test func unknownResourceFieldsSurviveAReadThenWrite() throws {
        let json = #"{"extra":{"a":[1,true,null]},"id":"w1","labels":[{"key":"env","value":"prod"}],"type":"WORKSPACE"}"#
        let resource = try JSONDecoder().decode(PermissionResource.self, from: data(json))
        #expect(resource.additionalFields["extra"] == .object(["a": .array([.number(1), .bool(true), .null])]))
        let encoded = String(decoding: try BodyEncoding.encode(resource), as: UTF8.self)
        #expect(encoded == json)
    }

    @Test func permissionInputMovesPermissionLevelLabelsOntoTheWorkspaceResource() throws {
        let permission = Permission(
            roleId: "r", roleName: "Role",
            resources: [PermissionResource(id: "w", type: .workspace)],
            labels: [Label(key: "env", value: "prod")])
        let input = PermissionInput(permission)
        #expect(input.resources == [PermissionResource(id: "w", type: .workspace, labels: [Label(key: "env", value: "prod")])])
        let body = String(decoding: try BodyEncoding.encode(PermissionsBody(permissions: [input])), as: UTF8.self)
        #expect(
            body == #"{"permissions":[{"resources":[{"id":"w","labels":[{"key":"env","value":"prod"}],"type":"WORKSPACE"}],"roleId":"r"}]}"#
        )
    }

    @Test func invitePermissionsCarryLabelsOnThePermission() throws {
        let invite = InviteInput(
            email: "a@b.c",
            permissions: [
                InvitePermission(
                    roleId: "r", resources: [InviteResource(id: "w", type: .workspace)],
                    labels: [Label(key: "env", value: "prod")])
            ])
        let body = String(decoding: try BodyEncoding.encode(InvitesBody(invites: [invite])), as: UTF8.self)
        #expect(
            body
                == #"{"invites":[{"email":"a@b.c","permissions":[{"labels":[{"key":"env","value":"prod"}],"resources":[{"id":"w","type":"WORKSPACE"}],"roleId":"r"}]}]}"#
        )
    }
}
