import BatonKit
import BatonServiceProto
import BatonStore
import FakeConductorOne
import Foundation
import SegmentAPI
import SegmentSimulator
import SwiftProtobuf
import Testing

@testable import BatonServiceMode

/// The event-feed tasks and targeted syncs, handed out by the fake ConductorOne.
@Suite struct ServiceEventFeedTests {
    private func response(
        _ finish: C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Google_Protobuf_Any? {
        guard case .success(let success)? = finish.finalState else {
            Issue.record("task finished with \(finish.status.code) \(finish.status.message)", sourceLocation: sourceLocation)
            return nil
        }
        return success.response
    }

    @Test func eventFeedTasksAnswerWithTheFeedsAndItsEvents() async throws {
        try await ServiceFixture.run(size: .small) { fixture in
            let startAt = Date().addingTimeInterval(-2)
            let client = try fixture.segmentClient()
            let user = try #require(fixture.snapshot.users.last)
            let source = try #require(fixture.snapshot.sources.first)
            let role = try #require(fixture.snapshot.roles.first { $0.name == "Source Admin" })
            try await client.addPermissionsToUser(
                userId: user.id,
                permissions: [
                    PermissionInput(roleId: role.id, resources: [PermissionResource(id: source.id, type: .source)])
                ])
            try await client.shutdown()
            await fixture.simulator.recordRandomActivity(count: 3, seed: 5)

            let service = try fixture.startService(provisioning: false)
            let feedsTask = fixture.conductorOne.enqueue(TaskScript.task(.listEventFeeds(.init())))
            let feeds = try C1_Connector_V2_ListEventFeedsResponse(
                unpackingAny: try #require(response(try await fixture.conductorOne.waitForFinish(taskId: feedsTask))))
            #expect(feeds.list.map(\.id) == ["segment-audit-trail"])
            #expect(Set(feeds.list[0].supportedEventTypes) == [.usage, .resourceChange, .createGrant, .createRevoke])

            var list = C1_Connectorapi_Baton_V1_Task.ListEventsTask()
            list.startAt = Google_Protobuf_Timestamp(date: startAt)
            list.pageSize = 2
            let firstTask = fixture.conductorOne.enqueue(TaskScript.task(.listEvents(list)))
            let first = try C1_Connector_V2_ListEventsResponse(
                unpackingAny: try #require(response(try await fixture.conductorOne.waitForFinish(taskId: firstTask))))
            #expect(first.events.count == 2 && first.hasMore_p)
            #expect(first.events[0].resourceChangeEvent.resourceID == ResourceId("user", user.id))
            list.cursor = first.cursor
            list.pageSize = 100
            let restTask = fixture.conductorOne.enqueue(TaskScript.task(.listEvents(list)))
            let rest = try C1_Connector_V2_ListEventsResponse(
                unpackingAny: try #require(response(try await fixture.conductorOne.waitForFinish(taskId: restTask))))
            #expect(rest.events.count == 2 && !rest.hasMore_p)
            #expect(rest.events.allSatisfy { $0.usageEvent.hasActorResource })

            var feed = C1_Connectorapi_Baton_V1_Task.EventFeedTask()
            feed.startAt = Google_Protobuf_Timestamp(date: startAt)
            let feedTask = fixture.conductorOne.enqueue(TaskScript.task(.eventFeed(feed)))
            let all = try C1_Connector_V2_ListEventsResponse(
                unpackingAny: try #require(response(try await fixture.conductorOne.waitForFinish(taskId: feedTask))))
            #expect(all.events.map(\.id) == (first.events + rest.events).map(\.id))
            await service.stop()
        }
    }

    @Test func aTargetedSyncTaskUploadsAPartialSyncOfTheNamedResources() async throws {
        try await ServiceFixture.run(size: .small) { fixture in
            let service = try fixture.startService()
            let user = try #require(
                fixture.snapshot.users.first { user in fixture.snapshot.groups.contains { $0.members.contains(user.id) } })
            let taskId = fixture.conductorOne.enqueue(
                TaskScript.syncFull { sync in
                    var resource = C1_Connector_V2_Resource()
                    resource.id = ResourceId("user", user.id)
                    sync.targetedSyncResources = [resource]
                    sync.skipExpandGrants = true
                })
            let finish = try await fixture.conductorOne.waitForFinish(taskId: taskId)
            await service.stop()
            guard case .success? = finish.finalState else { Issue.record("sync finished with \(finish.status.message)"); return }
            let upload = try #require(fixture.conductorOne.upload(taskId: taskId))
            let scratch = NSTemporaryDirectory() + "targeted-\(taskId).c1z"
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            try upload.bytes.write(to: URL(fileURLWithPath: scratch))
            let reader = try C1ZReader(path: scratch)
            defer { reader.close() }
            #expect(try reader.syncRuns().map(\.syncType) == ["partial"])
            #expect(try reader.resources().map(\.id.key) == ["user:\(user.id)"])
            let memberships = try reader.grants(principal: ResourceId("user", user.id)).filter { $0.entitlement.id.hasPrefix("group:") }
            #expect(!memberships.isEmpty)
            #expect(!fixture.logs.all.contains { $0.line.contains("not supported") })
        }
    }
}
