import Foundation

/// An unfinished sync run found in a destination's working copy when a new writer opens it: the
/// process that wrote it is gone (the new writer holds the destination's lock).
public struct UnfinishedSync: Sendable, Equatable {
    /// The run's KSUID.
    public let syncID: String
    /// When the run first began (a resumed run keeps it).
    public let startedAt: Date
    /// `v1_sync_runs.sync_type`.
    public let syncType: String
    /// The last checkpoint (`v1_sync_runs.sync_token`) committed with the rows it covers.
    public let checkpoint: String
}

/// What to do with an ``UnfinishedSync``: carry on writing it, or delete it and start afresh.
public enum ResumeDecision: Sendable, Equatable {
    case resume
    /// Delete the working copy; `reason` is logged.
    case discard(reason: String)
}
