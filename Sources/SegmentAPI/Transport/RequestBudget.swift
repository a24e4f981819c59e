/// Which client-side budget a request draws on: Segment limits IAM writes separately from reads.
enum RequestBudget: Sendable, Hashable {
    case read
    case write
}
