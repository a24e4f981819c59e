import ArgumentParser

/// The standard Baton flags (baton-sdk's `pkg/field` defaults) that apply to this SDK, for any connector's executable:
/// embed with `@OptionGroup var baton: BatonOptions`, then call ``resolve(_:)`` with a
/// ``ConfigSource`` to apply env/YAML fallbacks and the constraints, giving a ``BatonConfiguration``.
///
/// Every option is optional (or a false-by-default flag) so that "not given on the command line"
/// can fall back to `BATON_<NAME>` and then to the config file.
public struct BatonOptions: ParsableArguments, Sendable {
    @Option(name: [.customShort("f"), .long], help: "The c1z file a sync writes and one-shot provisioning reads (default sync.c1z).")
    public var file: String?

    @Option(help: "Log level: debug, info, warn or error (default info).")
    public var logLevel: String?

    @Option(help: "Log format: json or console (default console on a terminal, else json).")
    public var logFormat: String?

    @Option(help: "Write logs to this file instead of stderr.")
    public var logPath: String?

    @Flag(name: [.customShort("p"), .long], help: "Allow grant, revoke, account and delete operations.")
    public var provisioning = false

    @Option(help: "ConductorOne client id (enables service mode).")
    public var clientId: String?

    @Option(help: "ConductorOne client secret.")
    public var clientSecret: String?

    @Flag(help: "Service mode: answer full-sync tasks with an empty finished sync.")
    public var skipFullSync = false

    @Option(help: "Service mode: tasks run at once, 1 to 100 (default 3).")
    public var taskConcurrency: Int?

    @Flag(help: "Service mode: serve /health, /ready and /live over HTTP.")
    public var healthCheck = false

    @Option(help: "Service mode: port of the health server (default 8081).")
    public var healthCheckPort: Int?

    @Option(help: "Service mode: address the health server binds (default 127.0.0.1).")
    public var healthCheckBindAddress: String?

    @Option(help: "Only sync these resource type ids (repeatable or comma-separated).")
    public var syncResourceTypes: [String] = []

    @Flag(help: "Sync resources only (the sync is recorded as resources_only).")
    public var skipEntitlementsAndGrants = false

    @Option(help: "Targeted sync of these resources only, as Baton ids bid:r:<type>/<id> (repeatable or comma-separated).")
    public var syncResources: [String] = []

    @Flag(help: ArgumentHelp("Sync entitlements but not grants (with --sync-resources).", visibility: .hidden))
    public var skipGrants = false

    @Flag(help: ArgumentHelp("One-shot: print the event feed's events as JSON lines, then the next cursor.", visibility: .hidden))
    public var eventFeed = false
    @Option(help: ArgumentHelp("Event feed: which feed (default: the connector's only one).", visibility: .hidden))
    public var eventFeedId: String?
    @Option(help: ArgumentHelp("Event feed: start time, RFC 3339 (default 24 hours ago).", visibility: .hidden))
    public var eventFeedStartAt: String?
    @Option(help: ArgumentHelp("Event feed: resume after this cursor (printed by the previous run).", visibility: .hidden))
    public var eventFeedCursor: String?

    @Option(help: ArgumentHelp("Directory for temporary files (must exist).", visibility: .hidden))
    public var c1zTempDir: String?

    @Flag(help: "When another sync is writing --file, wait for it to finish instead of failing at once.")
    public var waitForLock = false

    @Option(parsing: .unconditional, help: "Finished full syncs --file keeps after a sync; older ones are removed (default 2).")
    public var keepSyncCount: Int?

    @Flag(help: "Keep every earlier sync in --file (no removal beyond --keep-sync-count).")
    public var skipCleanup = false

    @Flag(help: "Start afresh even when an unfinished sync of --file (left by a crashed run) could be resumed.")
    public var noResume = false

    @Option(help: "Resume an unfinished sync only if it began less than this long ago, e.g. 24h, 90m (default 24h).")
    public var resumeMaxAge: String?

    @Option(help: ArgumentHelp("One-shot grant: entitlement id, looked up in --file.", visibility: .hidden))
    public var grantEntitlement: String?
    @Option(help: ArgumentHelp("One-shot grant: principal resource id.", visibility: .hidden))
    public var grantPrincipal: String?
    @Option(help: ArgumentHelp("One-shot grant: principal resource type.", visibility: .hidden))
    public var grantPrincipalType: String?
    @Option(help: ArgumentHelp("One-shot revoke: grant id, looked up in --file.", visibility: .hidden))
    public var revokeGrant: String?
    @Option(help: ArgumentHelp("One-shot create account: e-mail.", visibility: .hidden))
    public var createAccountEmail: String?
    @Option(help: ArgumentHelp("One-shot create account: login.", visibility: .hidden))
    public var createAccountLogin: String?
    @Option(help: ArgumentHelp("One-shot create account: profile as a JSON object.", visibility: .hidden))
    public var createAccountProfile: String?
    @Option(help: ArgumentHelp("One-shot create account: resource type of the account.", visibility: .hidden))
    public var createAccountResourceType: String?
    @Option(help: ArgumentHelp("One-shot delete: resource id.", visibility: .hidden))
    public var deleteResource: String?
    @Option(help: ArgumentHelp("One-shot delete: resource type.", visibility: .hidden))
    public var deleteResourceType: String?

    @Flag(help: "Resolve and check everything, but change nothing: no provisioning call, no file written.")
    public var dryRun = false

    public init() {}
}
