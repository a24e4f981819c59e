import Logging
import SegmentAPI

/// Emitted and skipped audit events, for logs and tests.
package struct AuditFeedCounts: Sendable, Equatable {
    package var emitted = 0
    /// Skipped events by audit event type.
    package var skipped: [String: Int] = [:]
}

/// The feed's per-process memory: what it counted, and whether it already said the audit
/// trail is unavailable (it says so once).
actor EventFeedLog {
    private(set) var counts = AuditFeedCounts()
    private var warned = false

    func record(emitted: Int, skipped: [String: Int]) {
        counts.emitted += emitted
        for (type, count) in skipped { counts.skipped[type, default: 0] += count }
    }

    func noteUnavailable(_ error: SegmentAPIError, logger: Logger) {
        guard !warned else { return }
        warned = true
        logger.warning(
            "event feed: the audit trail is not available in this workspace, so no events are reported",
            metadata: [
                "reason": .string(error.description)
            ])
    }
}
