import Foundation

/// One row of `v1_sync_runs`.
public struct SyncRun: Sendable, Equatable {
    /// Row id.
    public var rowID: Int64
    /// KSUID of the sync.
    public var syncID: String
    /// When the sync began; nil when the stored text does not parse.
    public var startedAt: Date?
    /// nil while the sync is unfinished.
    public var endedAt: Date?
    /// Raw text of the timestamp columns, as stored.
    public var startedAtText: String
    /// Raw text of `ended_at`; nil while unfinished.
    public var endedAtText: String?
    /// The resume checkpoint of an unfinished sync; empty once finished.
    public var syncToken: String
    /// `full`, `partial`, `resources_only`, ... (`full` for files older than the column).
    public var syncType: String
    /// For a partial sync, the full sync it refines; else empty.
    public var parentSyncID: String
    /// A linked sync (the SDK's diff syncs); empty in the syncs we write.
    public var linkedSyncID: String
    /// Whether the SDK may diff against this sync; 0 in the syncs we write.
    public var supportsDiff: Bool

    /// True once `ended_at` is set.
    public var isFinished: Bool { endedAtText != nil }
}
