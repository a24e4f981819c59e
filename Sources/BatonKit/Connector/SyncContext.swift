import Logging

/// What every listing call gets: the sync's id, its session cache, its persisted session and a logger.
public struct SyncContext: Sendable {
    /// The KSUID of the sync being written.
    public let syncId: String
    /// Per-sync cache shared by every call of this sync (e.g. read the role catalogue once).
    public let session: SessionCache
    /// Per-sync values kept in the sync's file while it runs, for a resumed sync to read back.
    public let persisted: PersistedSession
    /// The sync's logger (the engine's carries `sync_id`); never log a secret through it.
    public let logger: Logger

    /// A context for one sync; the defaults (a fresh cache, no persisted store) suit tests and one-off calls.
    public init(
        syncId: String, session: SessionCache = SessionCache(), persisted: PersistedSession = PersistedSession(store: nil),
        logger: Logger
    ) {
        self.syncId = syncId
        self.session = session
        self.persisted = persisted
        self.logger = logger
    }
}
