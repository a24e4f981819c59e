import ArgumentParser

/// The standard Baton flags (baton-sdk's `pkg/field` defaults) that apply to this SDK, for any connector's executable:
/// embed with `@OptionGroup var baton: BatonOptions`, then call ``resolve(_:)`` with a
/// ``ConfigSource`` to apply env/YAML fallbacks and the constraints, giving a ``BatonConfiguration``.
///
/// Every option is optional (or a false-by-default flag) so that "not given on the command line"
/// can fall back to `BATON_<NAME>` and then to the config file.
package struct BatonOptions: ParsableArguments, Sendable {
    @Option(name: [.customShort("f"), .long], help: "The c1z file a sync writes and one-shot provisioning reads (default sync.c1z).")
    package var file: String?

    @Option(help: "Log level: debug, info, warn or error (default info).")
    package var logLevel: String?

    @Option(help: "Log format: json or console (default console on a terminal, else json).")
    package var logFormat: String?

    @Option(help: "Write logs to this file instead of stderr.")
    package var logPath: String?

    @Flag(name: [.customShort("p"), .long], help: "Allow grant, revoke, account and delete operations.")
    package var provisioning = false

    @Option(help: "ConductorOne client id (enables service mode).")
    package var clientId: String?

    @Option(help: "ConductorOne client secret.")
    package var clientSecret: String?

    @Flag(help: "Service mode: answer full-sync tasks with an empty finished sync.")
    package var skipFullSync = false

    @Option(help: "Service mode: tasks run at once, 1 to 100 (default 3).")
    package var taskConcurrency: Int?

    @Flag(help: "Service mode: serve /health, /ready and /live over HTTP.")
    package var healthCheck = false

    @Option(help: "Service mode: port of the health server (default 8081).")
    package var healthCheckPort: Int?

    @Option(help: "Service mode: address the health server binds (default 127.0.0.1).")
    package var healthCheckBindAddress: String?

    @Option(help: "Only sync these resource type ids (repeatable or comma-separated).")
    package var syncResourceTypes: [String] = []

    @Flag(help: "Sync resources only (the sync is recorded as resources_only).")
    package var skipEntitlementsAndGrants = false

    @Option(help: "Targeted sync of these resources only, as Baton ids bid:r:<type>/<id> (repeatable or comma-separated).")
    package var syncResources: [String] = []

    @Flag(help: ArgumentHelp("Sync entitlements but not grants (with --sync-resources).", visibility: .hidden))
    package var skipGrants = false

    @Flag(help: ArgumentHelp("One-shot: print the event feed's events as JSON lines, then the next cursor.", visibility: .hidden))
    package var eventFeed = false
    @Option(help: ArgumentHelp("Event feed: which feed (default: the connector's only one).", visibility: .hidden))
    package var eventFeedId: String?
    @Option(help: ArgumentHelp("Event feed: start time, RFC 3339 (default 24 hours ago).", visibility: .hidden))
    package var eventFeedStartAt: String?
    @Option(help: ArgumentHelp("Event feed: resume after this cursor (printed by the previous run).", visibility: .hidden))
    package var eventFeedCursor: String?

    @Option(help: ArgumentHelp("Directory for temporary files (must exist).", visibility: .hidden))
    package var c1zTempDir: String?

    @Flag(help: "When another sync is writing --file, wait for it to finish instead of failing at once.")
    package var waitForLock = false

    @Option(parsing: .unconditional, help: "Finished full syncs --file keeps after a sync; older ones are removed (default 2).")
    package var keepSyncCount: Int?

    @Flag(help: "Keep every earlier sync in --file (no removal beyond --keep-sync-count).")
    package var skipCleanup = false

    @Flag(help: "Start afresh even when an unfinished sync of --file (left by a crashed run) could be resumed.")
    package var noResume = false

    @Option(help: "Resume an unfinished sync only if it began less than this long ago, e.g. 24h, 90m (default 24h).")
    package var resumeMaxAge: String?

    @Option(help: ArgumentHelp("One-shot grant: entitlement id, looked up in --file.", visibility: .hidden))
    package var grantEntitlement: String?
    @Option(help: ArgumentHelp("One-shot grant: principal resource id.", visibility: .hidden))
    package var grantPrincipal: String?
    @Option(help: ArgumentHelp("One-shot grant: principal resource type.", visibility: .hidden))
    package var grantPrincipalType: String?
    @Option(help: ArgumentHelp("One-shot revoke: grant id, looked up in --file.", visibility: .hidden))
    package var revokeGrant: String?
    @Option(help: ArgumentHelp("One-shot create account: e-mail.", visibility: .hidden))
    package var createAccountEmail: String?
    @Option(help: ArgumentHelp("One-shot create account: login.", visibility: .hidden))
    package var createAccountLogin: String?
    @Option(help: ArgumentHelp("One-shot create account: profile as a JSON object.", visibility: .hidden))
    package var createAccountProfile: String?
    @Option(help: ArgumentHelp("One-shot create account: resource type of the account.", visibility: .hidden))
    package var createAccountResourceType: String?
    @Option(help: ArgumentHelp("One-shot delete: resource id.", visibility: .hidden))
    package var deleteResource: String?
    @Option(help: ArgumentHelp("One-shot delete: resource type.", visibility: .hidden))
    package var deleteResourceType: String?

    @Flag(help: "Resolve and check everything, but change nothing: no provisioning call, no file written.")
    package var dryRun = false

    package init() {}
}
