import Foundation

/// One row of `v1_sync_runs`.
public struct SyncRun: Sendable, Equatable {
    /// Row id.
    public var rowID: Int64
    /// KSUID of the sync.
    public var syncID: String
    public var startedAt: Date?
    /// nil while the sync is unfinished.
    public var endedAt: Date?
    /// Raw text of the timestamp columns, as stored.
    public var startedAtText: String
    public var endedAtText: String?
    public var syncToken: String
    /// `full`, `partial`, `resources_only`, ... (`full` for files older than the column).
    public var syncType: String
    public var parentSyncID: String
    public var linkedSyncID: String
    public var supportsDiff: Bool

    public var isFinished: Bool { endedAtText != nil }
}
