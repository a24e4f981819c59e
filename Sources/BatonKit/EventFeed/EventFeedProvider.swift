import Foundation
import SwiftProtobuf

/// One change upstream (a usage, a grant or revoke, a changed resource...) as an event feed reports it.
public typealias Event = C1_Connector_V2_Event
/// A feed's id and the event types it emits, as the connector advertises them.
public typealias EventFeedMetadata = C1_Connector_V2_EventFeedMetadata

/// One answer of ``EventFeedProvider/listEvents(feedId:cursor:startAt:pageSize:)``.
public struct EventPage: Sendable {
    /// Oldest first.
    public var events: [Event]
    /// Where the next call resumes; opaque to the caller, and never empty once a call succeeded.
    public var cursor: String
    /// Whether more events were already waiting when this page was cut.
    public var hasMore: Bool

    /// A page of `events` ending at `cursor`.
    public init(events: [Event], cursor: String, hasMore: Bool) {
        self.events = events
        self.cursor = cursor
        self.hasMore = hasMore
    }
}

/// Optional on a ``Connector``: an event feed (capability `CAPABILITY_EVENT_FEED_V2`), what
/// happened upstream since a cursor, so ConductorOne can re-read only what changed.
public protocol EventFeedProvider: Sendable {
    /// The feeds offered and the event types each emits.
    func eventFeeds() -> [EventFeedMetadata]

    /// Events of `feedId` after `cursor` (empty: from `startAt`), at most `pageSize` of them.
    /// A cursor must survive restarts and must never make an event repeat or go missing.
    func listEvents(feedId: String, cursor: String, startAt: Date, pageSize: Int) async throws -> EventPage
}

extension Connector {
    /// The connector's event feed, if it has one.
    public var eventFeedProvider: (any EventFeedProvider)? { self as? any EventFeedProvider }
}
