import Foundation
import SwiftProtobuf

/// What `--event-feed` prints: each event as one protojson line (as the SDK prints them), then
/// one line `{"cursor":"…"}` to pass as `--event-feed-cursor` next time.
package struct EventFeedOutput: Sendable {
    package var events: [Event]
    package var cursor: String

    package init(events: [Event], cursor: String) {
        self.events = events
        self.cursor = cursor
    }

    /// JSON lines: the events, then the cursor.
    package var text: String {
        var lines = events.map { (try? $0.jsonString()) ?? "{}" }
        let cursorJSON =
            (try? JSONSerialization.data(withJSONObject: ["cursor": cursor])).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        lines.append(cursorJSON)
        return lines.joined(separator: "\n")
    }
}

extension BatonRunner {
    /// Pages through the feed from `cursor` (or `startAt`) until the connector has no more.
    func eventFeed(feedId: String?, startAt: Date?, cursor: String?) async throws -> BatonOutcome {
        var request = C1_Connector_V2_ListEventsRequest()
        request.eventFeedID = feedId ?? ""
        request.cursor = cursor ?? ""
        if let startAt { request.startAt = Google_Protobuf_Timestamp(date: startAt) }
        request.pageSize = 100
        var events: [Event] = []
        var seenCursors: Set<String> = []
        while true {
            let response = try await EventFeedRequests.listEvents(connector, request)
            events += response.events
            request.cursor = response.cursor
            guard response.hasMore_p else { break }
            guard seenCursors.insert(response.cursor).inserted else {
                throw BatonError.internal("the event feed returned cursor it returned before; stopping to avoid an endless loop")
            }
        }
        logger.info("event feed read", metadata: ["events": .stringConvertible(events.count)])
        return .events(EventFeedOutput(events: events, cursor: request.cursor))
    }
}
