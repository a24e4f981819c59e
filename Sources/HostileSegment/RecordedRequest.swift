/// A request as the stand-in received it: the method and the raw request target, before any
/// normalisation, so a test can see exactly which path a client sent.
package struct RecordedRequest: Sendable, Equatable {
    package var method: String
    package var target: String

    /// The target without its query.
    package var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
}
