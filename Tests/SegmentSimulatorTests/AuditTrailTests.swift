import Foundation
import SegmentSimulator
import Testing

/// Every accepted write records its audit event; member activity can be scripted; the trail is
/// served newest first.
@Suite struct AuditTrailTests {
    let s = Sim.demo

    @Test func writesAndScriptedActivityAreRecordedNewestFirst() async throws {
        try await Sim.with { sim async throws in
            let user = s.users[1], group = s.groups[0], source = s.sources[0]
            let role = try #require(s.roles.first { $0.name == "Source Admin" })
            let body = permissionsBody(roleId: role.id, resources: [(source.id, "SOURCE", [])])
            #expect(try await sim.call(.POST, "/users/\(user.id)/permissions", body: body).status == 200)
            #expect(try await sim.call(.POST, "/groups/\(group.id)/users", body: "{\"emails\":[\"\(user.email)\"]}").status == 200)
            let refused = try await sim.call(.POST, "/groups/\(group.id)/users", body: "{\"emails\":[\"stranger@example.com\"]}")
            #expect(refused.status == 422, "a refused write records nothing")
            let activity = try await sim.call(
                .POST, "/__simulator/activity",
                body: """
                    {"actions":[{"type":"Source Modified","actorId":"\(user.id)","resourceId":"\(source.id)","resourceType":"source"}]}
                    """)
            #expect(activity.status == 200)
            await sim.simulator.recordRandomActivity(count: 2, seed: 3)

            let events = try await sim.get("/audit-events?pagination.count=200").list("events")
            #expect(events.count == s.auditEvents.count + 5)
            let newest = Array(events.prefix(5))
            #expect(
                newest.compactMap { $0["type"] as? String }.suffix(3) == [
                    "Source Modified", "User Added To User Group", "User Policy Updated",
                ])
            let edit = newest[2]
            #expect(edit["actor"] as? String == user.id && edit["actorEmail"] as? String == user.email)
            #expect(edit["resourceId"] as? String == source.id && edit["resourceName"] as? String == (source.name ?? source.slug))
            let membership = newest[3]
            #expect(membership["resourceId"] as? String == group.id && membership["resourceType"] as? String == "userGroup")
            let policy = newest[4]
            #expect(policy["resourceId"] as? String == user.id && policy["resourceName"] as? String == user.email)
            #expect(policy["actor"] as? String == "public-api-token" && (policy["actorEmail"] as? String) == nil)
            let times = events.compactMap { $0["timestamp"] as? String }
            #expect(times == times.sorted(by: >), "newest first")
        }
    }
}
