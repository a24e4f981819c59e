import Foundation
import SwiftProtobuf

/// The event-feed calls as the protocol's request and response messages, checked the way the
/// SDK's validation rules check them; shared by the one-shot `--event-feed` and service mode.
package enum EventFeedRequests {
    /// How far back a feed starts when neither a cursor nor a start time is given.
    package static let defaultLookback: TimeInterval = 24 * 60 * 60
    /// The page size when the request leaves it 0.
    package static let defaultPageSize = 100
    static let maxPageSize = 1000
    static let maxCursorBytes = 4096

    /// `ListEventFeeds`: the connector's feeds (none when it has no event feed).
    package static func listEventFeeds(_ connector: any Connector) -> C1_Connector_V2_ListEventFeedsResponse {
        var response = C1_Connector_V2_ListEventFeedsResponse()
        response.list = connector.eventFeedProvider?.eventFeeds() ?? []
        return response
    }

    /// `ListEvents`: one page of events. An empty feed id picks the connector's only feed.
    package static func listEvents(
        _ connector: any Connector, _ request: C1_Connector_V2_ListEventsRequest,
        now: Date = Date()
    ) async throws -> C1_Connector_V2_ListEventsResponse {
        guard let provider = connector.eventFeedProvider else {
            throw BatonError.unimplemented("this connector has no event feed")
        }
        guard request.pageSize <= maxPageSize else {
            throw BatonError.invalidArgument("page size \(request.pageSize) is more than \(maxPageSize)")
        }
        guard request.cursor.utf8.count <= maxCursorBytes else {
            throw BatonError.invalidArgument("event feed cursor is longer than \(maxCursorBytes) bytes")
        }
        let feeds = provider.eventFeeds()
        let feedId = request.eventFeedID.isEmpty ? (feeds.first?.id ?? "") : request.eventFeedID
        guard feeds.contains(where: { $0.id == feedId }) else {
            throw BatonError.invalidArgument(
                "unknown event feed \"\(feedId.prefix(100))\" (known: \(feeds.map(\.id).joined(separator: ", ")))")
        }
        let startAt = request.hasStartAt ? request.startAt.date : now.addingTimeInterval(-defaultLookback)
        let pageSize = request.pageSize == 0 ? defaultPageSize : Int(request.pageSize)
        let page = try await provider.listEvents(feedId: feedId, cursor: request.cursor, startAt: startAt, pageSize: pageSize)
        var response = C1_Connector_V2_ListEventsResponse()
        response.events = page.events
        response.cursor = page.cursor
        response.hasMore_p = page.hasMore
        return response
    }
}
