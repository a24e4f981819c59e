import BatonKit
import Foundation
import Logging
import SegmentAPI

/// The event feed over Segment's audit trail (`GET /audit-events`, Business plan).
///
/// Each call reads the trail from just before the cursor's watermark (all pages: the trail is
/// paged newest-first, so the oldest pending events come last), drops what was delivered and
/// repeats by id, and hands out the oldest pending events in (time, id) order. Skipped events
/// advance the cursor too, so they are never read again. Without the audit trail in the plan the
/// feed says so once and returns no events.
extension SegmentConnector: EventFeedProvider {
    /// The one feed this connector offers: the workspace's audit trail.
    public func eventFeeds() -> [EventFeedMetadata] {
        var feed = EventFeedMetadata()
        feed.id = AuditEventMapping.feedId
        feed.supportedEventTypes = [.usage, .resourceChange, .createGrant, .createRevoke]
        return [feed]
    }

    /// The events after `cursor` (or from `startAt` when it is empty), at most `pageSize`, with
    /// the cursor to continue from.
    public func listEvents(feedId: String, cursor: String, startAt: Date, pageSize: Int) async throws -> EventPage {
        let start = cursor.isEmpty ? AuditFeedCursor(startAt: startAt) : try AuditFeedCursor(decoding: cursor)
        let audit: [TimedAuditEvent]
        do {
            audit = try await pendingAuditEvents(after: start)
        } catch let error as SegmentAPIError where FeatureGate.isUnavailable(error) {
            await eventFeedLog.noteUnavailable(error, logger: client.configuration.logger)
            return EventPage(events: [], cursor: start.encoded, hasMore: false)
        }
        let workspaceId = try await workspaceMemo.workspace(using: client).id
        var position = start
        var events: [Event] = []
        var skipped: [String: Int] = [:]
        var consumed = 0
        for entry in audit {
            if events.count >= max(1, pageSize) { break }
            consumed += 1
            position = position.advanced(time: entry.time, id: entry.event.id)
            switch AuditEventMapping.map(entry.event, occurredAt: entry.date, workspaceId: workspaceId) {
            case .event(let event): events.append(event)
            case .skipped: skipped[entry.event.type ?? "(no type)", default: 0] += 1
            }
        }
        await eventFeedLog.record(emitted: events.count, skipped: skipped)
        if !skipped.isEmpty {
            client.configuration.logger.debug(
                "audit events skipped: not access changes nor member activity",
                metadata: [
                    "skipped": .stringConvertible(skipped.values.reduce(0, +)),
                    "types": .string(skipped.keys.sorted().joined(separator: ", ")),
                ])
        }
        return EventPage(events: events, cursor: position.encoded, hasMore: consumed < audit.count)
    }

    /// What this feed has emitted and skipped so far, per process.
    package func eventFeedCounts() async -> AuditFeedCounts { await eventFeedLog.counts }

    private struct TimedAuditEvent {
        let event: AuditEvent
        let time: Int64
        let date: Date
    }

    /// Every audit event still pending after `cursor`, oldest first, once each.
    private func pendingAuditEvents(after cursor: AuditFeedCursor) async throws -> [TimedAuditEvent] {
        // A second of overlap: whether startTime is inclusive is not documented, and events of
        // the watermark's own second may still be pending.
        let from = Date(timeIntervalSince1970: Double(cursor.watermark) / 1000 - 1)
        let filter = AuditEventFilter(startTime: AuditTimestamp.text(from))
        var byId: [String: TimedAuditEvent] = [:]
        for try await event in client.allAuditEvents(filter: filter) {
            guard byId[event.id] == nil, let text = event.timestamp, let date = AuditTimestamp.date(text) else { continue }
            let time = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
            guard cursor.isPending(time: time, id: event.id) else { continue }
            byId[event.id] = TimedAuditEvent(event: event, time: time, date: date)
        }
        return byId.values.sorted { ($0.time, $0.event.id) < ($1.time, $1.event.id) }
    }
}
