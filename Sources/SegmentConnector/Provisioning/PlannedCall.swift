/// One Segment call an operation may make: what `--dry-run` prints for it, and whether it reads
/// or writes. Built beside the code that makes the call (see `SegmentCallPlan`).
struct PlannedCall: Sendable, Equatable, CustomStringConvertible {
    enum Kind: Sendable, Equatable {
        case read
        case write
    }

    let kind: Kind
    /// Segment's operation id (`replacePermissionsForUser`), the name the client and the
    /// simulator count requests under.
    let operation: String
    /// Method, path, body (or what the call is for) and when it is skipped.
    let line: String

    static func read(_ operation: String, _ line: String) -> PlannedCall {
        PlannedCall(kind: .read, operation: operation, line: line)
    }

    static func write(_ operation: String, _ line: String) -> PlannedCall {
        PlannedCall(kind: .write, operation: operation, line: line)
    }

    var description: String { line }
}
