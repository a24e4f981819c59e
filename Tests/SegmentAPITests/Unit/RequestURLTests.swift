import Foundation
import Testing

@testable import SegmentAPI

@Suite struct RequestURLTests {
    let base = URL(string: "https://api.segmentapis.com")!

    @Test func emailsUseDotIndexedKeysWithAtAndPlusEncoded() {
        let url = RequestURL.build(
            base: base, path: "/invites",
            query: RequestURL.indexed("emails", ["a+b@example.com", "c@example.com"]))
        #expect(url == "https://api.segmentapis.com/invites?emails.0=a%2Bb%40example.com&emails.1=c%40example.com")
    }

    @Test func userIdsUseDotIndexedKeys() {
        #expect(RequestURL.encodeQuery(RequestURL.indexed("userIds", ["u1", "u2"])) == "userIds.0=u1&userIds.1=u2")
    }

    @Test func paginationAlwaysSendsCountAndEncodesTheCursor() {
        #expect(RequestURL.encodeQuery(RequestURL.pagination(count: 200, cursor: nil)) == "pagination.count=200")
        #expect(
            RequestURL.encodeQuery(RequestURL.pagination(count: 50, cursor: "a+b/c=="))
                == "pagination.count=50&pagination.cursor=a%2Bb%2Fc%3D%3D")
        #expect(RequestURL.encodeQuery(RequestURL.pagination(count: 50, cursor: "")) == "pagination.count=50")
    }

    @Test func idsInPathsArePercentEncoded() {
        #expect(RequestURL.path("group", .id("g 1/x"), "users") == "/group/g%201%2Fx/users")
    }

    @Test func requestsCarryAcceptAuthorizationAndContentTypeOnlyWithABody() async throws {
        let transport = ScriptedTransport([
            .respond(status: 200, body: #"{"data":{"workspace":{"id":"w"}}}"#),
            .respond(status: 200, body: #"{"data":{"userGroup":{"id":"g","name":"n"}}}"#),
        ])
        let client = SegmentClient.scripted(transport)
        _ = try await client.getWorkspace()
        _ = try await client.replaceUsersInUserGroup(groupId: "g", emails: ["x+1@y.com"])
        let (get, put) = (transport.requests[0], transport.requests[1])
        #expect(get.url == "https://api.segmentapis.com/")
        #expect(get.headers.contains { $0 == ("Accept", "application/json") })
        #expect(get.headers.contains { $0 == ("Authorization", "Bearer tok-SECRET-123") })
        #expect(!get.headers.contains { $0.0 == "Content-Type" })
        #expect(put.method == .put)
        #expect(put.url == "https://api.segmentapis.com/group/g/users")
        #expect(put.headers.contains { $0 == ("Content-Type", "application/json") })
        #expect(String(decoding: put.body ?? Data(), as: UTF8.self) == #"{"emails":["x+1@y.com"]}"#)
    }

    @Test func everyOperationHitsItsSpecPath() async throws {
        let transport = ScriptedTransport([], fallback: .respond(status: 500, body: "{}"))
        let client = SegmentClient.scripted(transport) {
            $0.maxRetries = 0; $0.pageSize = 7
        }
        let p = PermissionInput(roleId: "r", resources: [PermissionResource(id: "w", type: .workspace)])
        let calls: [(String, @Sendable () async throws -> Void)] = [
            ("GET /", { _ = try await client.getWorkspace() }),
            ("GET /users?pagination.count=7", { _ = try await client.listUsers(cursor: nil) }),
            ("GET /users/u1", { _ = try await client.getUser(id: "u1") }),
            ("DELETE /users?userIds.0=u1", { try await client.deleteUsers(ids: ["u1"]) }),
            ("GET /users/u1/groups?pagination.count=7", { _ = try await client.listUserGroupsFromUser(userId: "u1", cursor: nil) }),
            ("POST /users/u1/permissions", { try await client.addPermissionsToUser(userId: "u1", permissions: [p]) }),
            ("PUT /users/u1/permissions", { try await client.replacePermissionsForUser(userId: "u1", permissions: [p]) }),
            ("GET /invites?pagination.count=7", { _ = try await client.listInvites(cursor: nil) }),
            ("POST /invites", { try await client.createInvites([InviteInput(email: "a@b.c")]) }),
            ("DELETE /invites?emails.0=a%40b.c", { try await client.deleteInvites(emails: ["a@b.c"]) }),
            ("GET /groups?pagination.count=7", { _ = try await client.listUserGroups(cursor: nil) }),
            ("GET /groups/g1", { _ = try await client.getUserGroup(id: "g1") }),
            ("POST /groups", { _ = try await client.createUserGroup(name: "n") }),
            ("PATCH /groups/g1", { try await client.updateUserGroup(id: "g1", name: "n") }),
            ("DELETE /groups/g1", { try await client.deleteUserGroup(id: "g1") }),
            ("GET /groups/g1/users?pagination.count=7", { _ = try await client.listUsersFromUserGroup(groupId: "g1", cursor: nil) }),
            ("GET /groups/g1/invites?pagination.count=7", { _ = try await client.listInvitesFromUserGroup(groupId: "g1", cursor: nil) }),
            ("POST /groups/g1/users", { try await client.addUsersToUserGroup(groupId: "g1", emails: ["a@b.c"]) }),
            ("DELETE /group/g1/users?emails.0=a%40b.c", { try await client.removeUsersFromUserGroup(groupId: "g1", emails: ["a@b.c"]) }),
            ("PUT /group/g1/users", { try await client.replaceUsersInUserGroup(groupId: "g1", emails: []) }),
            ("POST /groups/g1/permissions", { try await client.addPermissionsToUserGroup(groupId: "g1", permissions: [p]) }),
            ("PUT /groups/g1/permissions", { try await client.replacePermissionsForUserGroup(groupId: "g1", permissions: [p]) }),
            ("GET /roles?pagination.count=7", { _ = try await client.listRoles(cursor: nil) }),
            ("GET /labels", { _ = try await client.listLabels() }),
            ("GET /sources?pagination.count=7", { _ = try await client.listSources(cursor: nil) }),
            ("GET /warehouses?pagination.count=7", { _ = try await client.listWarehouses(cursor: nil) }),
            ("GET /spaces?pagination.count=7", { _ = try await client.listSpaces(cursor: nil) }),
            (
                "GET /functions?resourceType=INSERT_TRANSFORMATION&pagination.count=7",
                { _ = try await client.listFunctions(resourceType: .insertTransformation, cursor: nil) }
            ),
            (
                "GET /audit-events?startTime=2024-01-01T00%3A00%3A00Z&resourceType=SOURCE&pagination.count=7",
                {
                    _ = try await client.listAuditEvents(
                        filter: AuditEventFilter(
                            startTime: "2024-01-01T00:00:00Z",
                            resourceType: "SOURCE"), cursor: nil)
                }
            ),
        ]
        for (index, (expected, call)) in calls.enumerated() {
            await #expect(throws: SegmentAPIError.self) { try await call() }
            let request = try #require(transport.requests.count > index ? transport.requests[index] : nil)
            let path = String(request.url.dropFirst("https://api.segmentapis.com".count))
            #expect("\(request.method.rawValue) \(path)" == expected)
        }
        let counts = await client.requestCounts
        #expect(counts["listFunctions"] == 1 && counts["removeUsersFromUserGroup"] == 1 && counts.count == calls.count)
    }
}
