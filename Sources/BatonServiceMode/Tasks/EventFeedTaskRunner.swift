import BatonKit
import BatonServiceProto
import Logging
import SwiftProtobuf

/// The event-feed tasks, answered with the same messages the one-shot `--event-feed` reads:
/// `list_event_feeds` with a ListEventFeedsResponse, `list_events` with one ListEventsResponse
/// page, and `event_feed` with every event since its `start_at` in one ListEventsResponse.
struct EventFeedTaskRunner: Sendable {
    let connector: any Connector
    let logger: Logger

    func listEventFeeds(_ task: C1_Connectorapi_Baton_V1_Task.ListEventFeedsTask) async -> TaskOutcome {
        await outcome { EventFeedRequests.listEventFeeds(connector) }
    }

    func listEvents(_ task: C1_Connectorapi_Baton_V1_Task.ListEventsTask) async -> TaskOutcome {
        await outcome {
            var request = C1_Connector_V2_ListEventsRequest()
            request.cursor = task.cursor
            if task.hasStartAt { request.startAt = task.startAt }
            request.eventFeedID = task.eventFeedID
            request.pageSize = task.pageSize
            return try await EventFeedRequests.listEvents(connector, request)
        }
    }

    func eventFeed(_ task: C1_Connectorapi_Baton_V1_Task.EventFeedTask) async -> TaskOutcome {
        await outcome {
            var request = C1_Connector_V2_ListEventsRequest()
            if task.hasStartAt { request.startAt = task.startAt }
            var all = C1_Connector_V2_ListEventsResponse()
            var cursors: Set<String> = []
            while true {
                let page = try await EventFeedRequests.listEvents(connector, request)
                all.events += page.events
                all.cursor = page.cursor
                guard page.hasMore_p, cursors.insert(page.cursor).inserted else { break }
                request.cursor = page.cursor
            }
            return all
        }
    }

    /// Runs `body` and finishes with its message in an `Any`, or with its error.
    private func outcome(_ body: () async throws -> any SwiftProtobuf.Message) async -> TaskOutcome {
        do {
            let response = try await body()
            if let events = response as? C1_Connector_V2_ListEventsResponse {
                logger.info(
                    "events listed",
                    metadata: ["events": .stringConvertible(events.events.count), "has_more": .stringConvertible(events.hasMore_p)])
            }
            return .success(response: try Google_Protobuf_Any(message: response), annotations: [])
        } catch {
            let failure = TaskFailure(error)
            logger.error("event feed task failed", metadata: ["error": .string(failure.message)])
            return .failure(failure)
        }
    }
}
