import Logging

/// How a `C1ZWriter` works; the defaults match the Go SDK's output.
public struct C1ZWriterOptions: Sendable {
    /// Directory for the scratch SQLite database (the CLI's `--c1z-temp-dir`); nil = system temp.
    /// The compressed output is always written beside its destination, never here.
    public var tempDirectory: String?
    /// Rows per SQLite transaction during the load.
    public var rowsPerTransaction: Int
    /// zstd level of the output's frames.
    public var compressionLevel: Int32
    /// `v1_sync_runs.sync_type`: `full`, `resources_only` when entitlements and grants were skipped,
    /// or `partial` for a targeted sync of named resources.
    public var syncType: String
    /// Wait for another sync's lock on the destination instead of failing at once.
    public var waitForLock: Bool
    /// Finished full syncs the file keeps after a sync (`BATON_KEEP_SYNC_COUNT`, default 2, at
    /// least 1): older ones are removed with every row they hold (``SyncRetention``).
    public var keepSyncCount: Int
    /// Keep every earlier sync in the file (`BATON_SKIP_CLEANUP`).
    public var skipCleanup: Bool
    /// Where the writer logs (cleanup, discarded working copies); never a row's content.
    public var logger: Logger
    /// Bytes of the image in each zstd frame (tests make small images span many frames).
    package var frameSize = C1ZFormat.frameSize

    /// Every option with its default: a full sync, 5,000 rows a transaction, the standard level, keep 2.
    public init(
        tempDirectory: String? = nil,
        rowsPerTransaction: Int = 5_000,
        compressionLevel: Int32 = C1ZFormat.defaultCompressionLevel,
        syncType: String = "full",
        waitForLock: Bool = false,
        keepSyncCount: Int = SyncRetention.defaultKeepCount,
        skipCleanup: Bool = false,
        logger: Logger = Logger(label: "baton.c1z")
    ) {
        self.keepSyncCount = max(1, keepSyncCount)
        self.skipCleanup = skipCleanup
        self.syncType = syncType
        self.waitForLock = waitForLock
        self.tempDirectory = tempDirectory
        self.rowsPerTransaction = max(1, rowsPerTransaction)
        self.compressionLevel = compressionLevel
        self.logger = logger
    }
}

/// One page of rows read back from a store; `nextCursor` is nil on the last page.
public struct C1ZPage<Item: Sendable>: Sendable {
    /// The rows of this page, in rowid order.
    public var items: [Item]
    /// Pass as `after:` to get the next page (the rowid of the last item).
    public var nextCursor: Int64?

    /// Every option with its default: a full sync, 5,000 rows a transaction, the standard level, keep 2.
    public init(items: [Item], nextCursor: Int64?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// Row counts of the sync being written or read.
public struct C1ZCounts: Sendable, Equatable {
    /// Rows of `v1_resource_types`.
    public var resourceTypes: Int
    /// Rows of `v1_resources`.
    public var resources: Int
    /// Rows of `v1_entitlements`.
    public var entitlements: Int
    /// Rows of `v1_grants`, expanded grants included.
    public var grants: Int
}
