/// A request as the stand-in received it: the method and the raw request target, before any
/// normalisation, so a test can see exactly which path a client sent.
public struct RecordedRequest: Sendable, Equatable {
    public var method: String
    public var target: String

    /// The target without its query.
    public var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
}
