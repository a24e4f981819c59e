/// Whether a request may be sent again after it may have reached Segment.
enum RetrySafety: Sendable {
    /// Repeating it cannot do harm (reads, replaces, deletes, permission adds).
    case repeatable
    /// Repeating it could create a duplicate (`POST /invites`, `POST /groups`): retried only when
    /// Segment refused it (429) or it never left this process.
    case onlyIfNotReceived
}
