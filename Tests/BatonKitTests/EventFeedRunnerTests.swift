import ArgumentParser
import BatonKit
import Foundation
import SwiftProtobuf
import Testing

/// A feed of `total` numbered events; the cursor is the number delivered so far.
private struct CountingFeed: Connector, EventFeedProvider {
    var total: Int
    var syncers: [any ResourceSyncer] { [FakeSyncer(resourceType: Fixture.userType)] }
    func metadata() async throws -> ConnectorMetadata { ConnectorMetadata() }
    func validate() async throws {}
    func eventFeeds() -> [EventFeedMetadata] {
        var feed = EventFeedMetadata()
        feed.id = "numbers"
        feed.supportedEventTypes = [.resourceChange]
        return [feed]
    }
    func listEvents(feedId: String, cursor: String, startAt: Date, pageSize: Int) async throws -> EventPage {
        let from = Int(cursor) ?? 0
        let to = min(total, from + pageSize)
        let events = (from..<to).map { n -> Event in
            var event = Event()
            event.id = "e\(n)"
            event.occurredAt = Google_Protobuf_Timestamp(date: startAt)
            var change = C1_Connector_V2_ResourceChangeEvent()
            change.resourceID = ResourceId("user", "u\(n)")
            event.resourceChangeEvent = change
            return event
        }
        return EventPage(events: events, cursor: String(to), hasMore: to < total)
    }
}

private struct FeedCommand: ParsableCommand {
    @OptionGroup var baton: BatonOptions
}

@Suite struct EventFeedRunnerTests {
    func configuration(_ arguments: [String]) throws -> BatonConfiguration {
        try FeedCommand.parse(arguments).baton.resolve(ConfigSource(), stdoutIsTerminal: false)
    }

    @Test func flagsResolve() throws {
        let config = try configuration([
            "--event-feed", "--event-feed-id", "numbers", "--event-feed-start-at", "2026-01-31T09:00:00Z",
            "--event-feed-cursor", "7",
        ])
        #expect(config.action == .eventFeed(feedId: "numbers", startAt: Date(timeIntervalSince1970: 1_769_850_000), cursor: "7"))
        #expect(!config.provisioning)
        #expect(throws: BatonError.self) { try configuration(["--event-feed", "--event-feed-start-at", "yesterday"]) }
        #expect(throws: BatonError.self) { try configuration(["--event-feed", "--revoke-grant", "x"]) }
        let targeted = try configuration(["--sync-resources", "bid:r:user/u1,bid:r:group/g1", "--skip-grants"])
        #expect(targeted.syncOptions.targetedResources.map(\.id.key) == ["user:u1", "group:g1"])
        #expect(targeted.syncOptions.skipGrants && targeted.syncOptions.syncType == .partial)
    }

    @Test func printsEveryEventThenTheCursor() async throws {
        let config = try configuration(["--event-feed", "--event-feed-cursor", "3"])
        let outcome = try await BatonRunner(connector: CountingFeed(total: 250), configuration: config, logger: Fixture.logger).run()
        guard case .events(let output) = outcome else { Issue.record("not an event feed outcome"); return }
        #expect(output.events.map(\.id) == (3..<250).map { "e\($0)" })
        #expect(output.cursor == "250")
        let lines = outcome.line.split(separator: "\n")
        #expect(lines.count == 248)
        #expect(lines.last == #"{"cursor":"250"}"#)
        let first = try Event(jsonString: String(lines[0]))
        #expect(first.resourceChangeEvent.resourceID.resource == "u3")
    }

    @Test func requestsAreChecked() async throws {
        var request = C1_Connector_V2_ListEventsRequest()
        request.pageSize = 1001
        await #expect(throws: BatonError.self) { try await EventFeedRequests.listEvents(CountingFeed(total: 1), request) }
        request.pageSize = 0
        request.eventFeedID = "other"
        await #expect(throws: BatonError.self) { try await EventFeedRequests.listEvents(CountingFeed(total: 1), request) }
        request.eventFeedID = ""
        let response = try await EventFeedRequests.listEvents(CountingFeed(total: 1), request)
        #expect(response.events.count == 1 && !response.hasMore_p)
        await #expect(throws: BatonError.self) { try await EventFeedRequests.listEvents(FakeConnector(syncers: []), request) }
        #expect(EventFeedRequests.listEventFeeds(CountingFeed(total: 1)).list.map(\.id) == ["numbers"])
        #expect(Capabilities.of(CountingFeed(total: 1)).connectorCapabilities.contains(.eventFeedV2))
    }
}
