extension SyncEngine {
    /// Where the entitlement and grant steps take their resources from.
    enum ResourceFeed: Sendable {
        /// Every resource this run stored, read back from the store a page at a time (a full sync).
        case store
        /// These resources (a targeted sync's fetched ones).
        case kept([CompactResource])
    }

    /// The work items of one step: one per resource whose type has a syncer, numbered in
    /// first-written order (the positions checkpoints name), less those a resumed checkpoint
    /// says are finished; items part-way through start at their checkpointed page. Kept
    /// resources are all listed at once; stored ones come a page at a time through `more`.
    /// Resources are decoded (and skips checked) only when their turn comes.
    func work(
        for feed: ResourceFeed, grants: Bool,
        progress: SyncProgress?
    ) -> (initial: [ResourceWork], more: (() async throws -> [ResourceWork])?) {
        let done = progress?.snapshot.work ?? SyncCheckpoint.WorkProgress()
        switch feed {
        case .kept(let resources):
            var numbering = WorkNumbering(connector: connector, grants: grants, done: done)
            return (resources.compactMap { numbering.item(for: $0) }, nil)
        case .store:
            let pages = StoredWorkFeed(store: store, numbering: WorkNumbering(connector: connector, grants: grants, done: done))
            return ([], { try await pages.next() })
        }
    }
}

/// Numbers resources as work items, in the order it is shown them.
struct WorkNumbering {
    let connector: any Connector
    let grants: Bool
    let done: SyncCheckpoint.WorkProgress
    private var position = 0

    init(connector: any Connector, grants: Bool, done: SyncCheckpoint.WorkProgress) {
        self.connector = connector
        self.grants = grants
        self.done = done
    }

    /// The work item for the next resource; nil when its type has no syncer (it takes no
    /// position) or a checkpoint says it is finished.
    mutating func item(for resource: CompactResource) -> SyncEngine.ResourceWork? {
        guard let syncer = connector.syncer(for: resource.typeId) else { return nil }
        let index = position
        position += 1
        guard !done.isDone(index) else { return nil }
        return SyncEngine.ResourceWork(
            syncer: syncer, compact: resource, grants: grants, index: index,
            startToken: done.next["\(index)"] ?? "")
    }
}

/// Reads a store's resources a page at a time as the work items of one step. A resumed step
/// reads the finished items' rows too (to number the rest) but does not decode them. Used only
/// on the task that runs the step.
final class StoredWorkFeed {
    static let pageSize = 500
    private let store: any SyncStore
    private var numbering: WorkNumbering
    private var cursor: Int64? = 0

    init(store: any SyncStore, numbering: WorkNumbering) {
        self.store = store
        self.numbering = numbering
    }

    /// The next non-empty batch of work items, or an empty one after the last page.
    func next() async throws -> [SyncEngine.ResourceWork] {
        while let after = cursor {
            let page = try await store.storedResources(after: after, limit: Self.pageSize)
            cursor = page.next
            let items = page.resources.compactMap { numbering.item(for: CompactResource($0)) }
            if !items.isEmpty { return items }
        }
        return []
    }
}
