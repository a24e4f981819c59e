/// How a sync runs (docs/baton-conventions.md, "How a sync runs"). The defaults give a full sync with grant expansion.
package struct SyncOptions: Sendable, Equatable {
    /// Only these resource type ids (empty = all). An id the connector does not declare is an
    /// error; entitlements and grants whose resource or principal is of another type are dropped.
    /// The sync is still recorded as `full`, as the Go SDK does.
    package var syncResourceTypes: [String] = []
    /// Stop after resources; the sync is recorded as `resources_only`.
    package var skipEntitlementsAndGrants = false
    /// Targeted sync: only these resources, their entitlements and their grants (connectors
    /// implement ``ResourceGetter``); recorded as `partial`. Empty = every resource.
    package var targetedResources: [BatonResourceID] = []
    /// Skip the grants step (entitlements are still synced), as the SDK's `--skip-grants`.
    package var skipGrants = false
    /// Do not expand `GrantExpandable` grants (ConductorOne expands them itself in service mode).
    package var skipExpandGrants = false
    /// How many listings (one resource's pages of resources, entitlements or grants) run at once.
    package var maxConcurrentListings = 8
    /// Grants buffered before a batch is written to the store.
    package var batchSize = 500
    /// Pages one listing may take before the sync stops it as endless (a connector following a
    /// server that always returns a new page token would otherwise never finish).
    package var maxPagesPerListing = 1_000_000
    /// Whether and how an unfinished sync of the same destination is resumed.
    package var resume = ResumePolicy()
    /// Names the connector and its version (e.g. `baton-segment 0.1.0`) in every checkpoint: a
    /// sync left unfinished by another version is not resumed.
    package var connectorIdentity = ""

    package init() {}

    /// What must match for an unfinished sync to be resumed: the kind of run and the options that
    /// decide which rows it writes.
    var shape: String {
        let types = syncResourceTypes.sorted().joined(separator: ",")
        let targets = targetedResources.map { "\($0)" }.sorted().joined(separator: ",")
        return "type=\(syncType.rawValue);types=\(types);skip_entitlements_and_grants=\(skipEntitlementsAndGrants);"
            + "skip_grants=\(skipGrants);skip_expand_grants=\(skipExpandGrants);targets=\(targets)"
    }

    /// The `sync_type` recorded in the store.
    package var syncType: SyncType {
        if !targetedResources.isEmpty { return .partial }
        return skipEntitlementsAndGrants ? .resourcesOnly : .full
    }
}

/// The `v1_sync_runs.sync_type` values this engine writes.
/// The kind of sync run a store begins (`v1_sync_runs.sync_type`).
public enum SyncType: String, Sendable, Equatable {
    /// Everything: resources, entitlements and grants.
    case full
    /// Resources only (entitlements and grants skipped).
    case resourcesOnly = "resources_only"
    /// A targeted sync of named resources.
    case partial
}

/// `--no-resume` and `--resume-max-age`: when a sync carries on an unfinished one.
package struct ResumePolicy: Sendable, Equatable {
    /// False with `--no-resume`: an unfinished sync is discarded and the sync starts afresh.
    package var enabled = true
    /// An unfinished sync that began longer ago than this is discarded (default 24 hours).
    package var maxAge: Duration = .seconds(24 * 3600)
    /// The longest time between two checkpoints while listings run (phase boundaries always
    /// checkpoint).
    package var checkpointInterval: Duration = .seconds(1)

    package init() {}
}
