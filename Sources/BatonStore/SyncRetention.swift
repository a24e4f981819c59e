/// Which earlier syncs a file drops once a new one has finished, by the rule the Go SDK applies
/// (its `Cleanup` in `pkg/dotc1z`, github.com/conductorone/baton-sdk), so a file looks the same
/// whichever connector wrote it last:
///
/// - unfinished syncs are never dropped (they may still be resumed);
/// - of the finished full syncs (`full`, and any type we do not know), the newest `keepCount`
///   stay and the older ones go;
/// - once something was dropped, partial syncs (`partial`, `resources_only`) that ended before
///   the oldest kept full sync started go too: they refine a sync no longer in the file;
/// - of the diff syncs (`partial_upserts`, `partial_deletions`), more than two leave only the
///   newest and the one it is linked to.
///
/// Runs are taken in the order they were written (rowid), as the SDK does.
public enum SyncRetention {
    /// The SDK's default for `BATON_KEEP_SYNC_COUNT`.
    public static let defaultKeepCount = 2

    static let partialTypes: Set<String> = ["partial", "resources_only", "no_grants"]
    static let diffTypes: Set<String> = ["partial_upserts", "partial_deletions"]

    /// The sync ids to remove from a file holding `runs` (ordered by rowid).
    public static func syncsToRemove(from runs: [SyncRun], keepCount: Int) -> [String] {
        let finished = runs.filter(\.isFinished)
        let partials = finished.filter { partialTypes.contains($0.syncType) }
        let diffs = finished.filter { diffTypes.contains($0.syncType) }
        let fulls = finished.filter { !partialTypes.contains($0.syncType) && !diffTypes.contains($0.syncType) }
        let keep = max(1, keepCount)
        var removed: [String] = []

        if fulls.count > keep {
            let overflow = fulls.count - keep
            removed += fulls.prefix(overflow).map(\.syncID)
            let oldestKept = fulls[overflow]
            // Text comparison is the SDK's order for these columns (same layout, UTC).
            for partial in partials {
                if let ended = partial.endedAtText, ended < oldestKept.startedAtText { removed.append(partial.syncID) }
            }
        }

        if diffs.count > 2, let newest = diffs.last {
            let kept: Set<String> = [newest.syncID, newest.linkedSyncID]
            removed += diffs.filter { !kept.contains($0.syncID) }.map(\.syncID)
        }
        return removed
    }
}
