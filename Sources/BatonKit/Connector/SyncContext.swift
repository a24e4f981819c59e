import Logging

/// What every listing call gets: the sync's id, its session cache and a logger.
public struct SyncContext: Sendable {
    /// The KSUID of the sync being written.
    public let syncId: String
    /// Per-sync cache shared by every call of this sync (e.g. read the role catalogue once).
    public let session: SessionCache
    public let logger: Logger

    public init(syncId: String, session: SessionCache = SessionCache(), logger: Logger) {
        self.syncId = syncId
        self.session = session
        self.logger = logger
    }
}
