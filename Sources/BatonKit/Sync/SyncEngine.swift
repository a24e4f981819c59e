import Logging

/// Runs a sync of a ``Connector`` into a ``SyncStore`` in the shape of §4.1: validate, resource
/// types, resources (top level, then children named by `ChildResourceType`, recursively),
/// entitlements, grants, then grant expansion. Listings of different resources run concurrently
/// (at most `options.maxConcurrentListings` at once); each page goes straight to the store.
public struct SyncEngine: Sendable {
    public let connector: any Connector
    public let store: any SyncStore
    public let options: SyncOptions
    public let logger: Logger
    /// When set, each step's wall time and the time inside connector calls are recorded here.
    public let timings: SyncTimings?

    public init(connector: any Connector, store: any SyncStore, options: SyncOptions = SyncOptions(), logger: Logger,
                timings: SyncTimings? = nil) {
        self.connector = connector
        self.store = store
        self.options = options
        self.logger = logger
        self.timings = timings
    }

    /// Runs the whole sync and returns what was written. Any error aborts the sync; the store's
    /// run is then left unfinished (a file-backed store never renames it into place).
    public func run() async throws -> SyncSummary {
        let types = try selectedResourceTypes()
        // The store starts first: a destination that is locked or cannot be written fails here,
        // before the connector makes its first request.
        let syncId = try await store.startSync(type: options.syncType)
        do {
            try await connector.validate()
            if !options.targetedResources.isEmpty { return try await runTargeted(syncId: syncId, types: types) }
            return try await run(syncId: syncId, types: types)
        } catch {
            await store.abortSync()
            throw error
        }
    }

    private func run(syncId: String, types: [SelectedType]) async throws -> SyncSummary {
        var summary = SyncSummary(syncId: syncId, syncType: options.syncType)
        var log = logger
        log[metadataKey: "sync_id"] = .string(syncId)
        let context = SyncContext(syncId: syncId, session: SessionCache(), logger: log)

        log.info("sync started", metadata: ["sync_type": .string(options.syncType.rawValue)])

        try await store.putResourceTypes(types.map(\.resourceType))
        summary.resourceTypes = types.count
        log.info("synced resource types", metadata: ["count": .stringConvertible(types.count)])

        let declarations = try await listingSteps(types: types, context: context, summary: &summary)
        // Expansion reads only the store: the connector's per-sync state (its session cache) and
        // the resources kept for the listing steps are released first, so they do not add to
        // the memory expansion needs.
        await context.session.removeAll()
        if !options.skipExpandGrants, !declarations.isEmpty {
            let expander = GrantExpander(store: store, logger: log, batchSize: options.batchSize)
            summary.expandedGrants = try await timings.phase("expansion") { try await expander.expand(declarations) }
            log.info("expanded grants", metadata: ["created": .stringConvertible(summary.expandedGrants)])
        }

        try await timings.phase("finish") { try await store.finishSync() }
        log.info("sync finished", metadata: ["summary": .string(summary.line)])
        return summary
    }

    /// Resources, entitlements and grants (each as the options allow); returns the expansion
    /// declarations the grants made.
    private func listingSteps(types: [SelectedType], context: SyncContext,
                              summary: inout SyncSummary) async throws -> [ExpansionDeclaration] {
        let log = context.logger
        summary.resourcesByType = try await timings.phase("resources") { try await syncResources(types: types, context: context) }
        log.info("synced resources", metadata: ["count": .stringConvertible(summary.resources)])
        guard !options.skipEntitlementsAndGrants else { return [] }
        // The later steps read the resources back from the store a page at a time: a large
        // workspace's resources are not all kept in memory for the rest of the sync.
        let resources = ResourceFeed.store
        summary.entitlements = try await timings.phase("entitlements") {
            try await syncEntitlements(resources: resources, context: context)
        }
        log.info("synced entitlements", metadata: ["count": .stringConvertible(summary.entitlements)])
        var grants = GrantsResult()
        if !options.skipGrants {
            grants = try await timings.phase("grants") { try await syncGrants(resources: resources, context: context) }
        }
        summary.grants = grants.count
        log.info("synced grants", metadata: ["count": .stringConvertible(grants.count)])
        return Array(grants.expansions.values)
    }

    // MARK: - Steps

    struct SelectedType: Sendable {
        let syncer: any ResourceSyncer
        var resourceType: ResourceType { syncer.resourceType }
    }

    /// The connector's types, restricted to `syncResourceTypes` (an unknown id is an error).
    func selectedResourceTypes() throws -> [SelectedType] {
        var seen: Set<String> = []
        for syncer in connector.syncers {
            let id = syncer.resourceType.id
            guard !id.isEmpty else { throw BatonError.internal("connector declares a resource type with an empty id") }
            guard seen.insert(id).inserted else { throw BatonError.internal("connector declares resource type \"\(id)\" twice") }
        }
        let wanted = Set(options.syncResourceTypes)
        for id in options.syncResourceTypes where !seen.contains(id) {
            throw BatonError.invalidArgument("unknown resource type \"\(id)\" in --sync-resource-types (known: \(seen.sorted().joined(separator: ", ")))")
        }
        return connector.syncers
            .filter { wanted.isEmpty || wanted.contains($0.resourceType.id) }
            .map(SelectedType.init)
    }

    private struct ResourceListing: Sendable {
        let syncer: any ResourceSyncer
        let parent: ResourceId?
    }

    /// Lists every resource into the store; returns how many distinct resources of each type.
    private func syncResources(types: [SelectedType], context: SyncContext) async throws -> [String: Int] {
        let byId = Dictionary(uniqueKeysWithValues: types.map { ($0.resourceType.id, $0) })
        let declared = byId.mapValues(\.resourceType)
        let allDeclared = Set(connector.syncers.map(\.resourceType.id))
        let store = self.store

        // Keys only: the resources themselves stay in the store.
        var seen: Set<String> = []
        var counts: [String: Int] = [:]
        try await BoundedConcurrency.run(
            initial: types.map { ResourceListing(syncer: $0.syncer, parent: nil) },
            limit: options.maxConcurrentListings,
            work: { listing in
                let typeId = listing.syncer.resourceType.id
                let label = listing.parent.map { "listing \(typeId) resources under \($0.key)" } ?? "listing \(typeId) resources"
                var found: [(key: String, typeId: String)] = []
                var children: [ResourceListing] = []
                try await Pagination.forEachPage(listing: label, maxPages: options.maxPagesPerListing, fetch: { token in
                    try await timings.connector {
                        try await listing.syncer.listResources(parent: listing.parent, pageToken: token, context: context)
                    }
                }, body: { page in
                    for resource in page {
                        try ResourceValidation.check(resource, declaredTypes: declared, listing: label)
                        for childType in resource.childResourceTypeIds {
                            if let child = byId[childType] {
                                children.append(ResourceListing(syncer: child.syncer, parent: resource.id))
                            } else if !allDeclared.contains(childType) {
                                throw BatonError.internal("resource \(resource.id.key) names child resource type \"\(childType)\" that the connector does not declare")
                            }
                        }
                    }
                    try await store.putResources(page)
                    found.append(contentsOf: page.map { ($0.id.key, $0.id.resourceType) })
                })
                return (children, found)
            },
            collect: { found in
                for resource in found where seen.insert(resource.key).inserted { counts[resource.typeId, default: 0] += 1 }
            })
        return counts
    }

    /// Whether the type or the resource opts out of entitlements (or grants) via annotations.
    fileprivate static func skips(_ resource: Resource, type: ResourceType, grants: Bool) -> Bool {
        let annotations = type.annotations + resource.annotations
        if annotations.contains(C1_Connector_V2_SkipEntitlementsAndGrants.self) { return true }
        return grants ? annotations.contains(C1_Connector_V2_SkipGrants.self)
                      : annotations.contains(C1_Connector_V2_SkipEntitlements.self)
    }

    /// Where the entitlement and grant steps take their resources from.
    enum ResourceFeed: Sendable {
        /// Every resource this run stored, read back from the store a page at a time (a full sync).
        case store
        /// These resources (a targeted sync's fetched ones).
        case kept([CompactResource])
    }

    struct ResourceWork: Sendable {
        enum Source: Sendable {
            case compact(CompactResource)
            case decoded(Resource)
        }
        let syncer: any ResourceSyncer
        let source: Source
        let grants: Bool

        /// The resource, or nil when it (or its type) opts out of this step.
        func resource() throws -> Resource? {
            let resource: Resource
            switch source {
            case .compact(let compact): resource = try compact.decoded()
            case .decoded(let decoded): resource = decoded
            }
            return SyncEngine.skips(resource, type: syncer.resourceType, grants: grants) ? nil : resource
        }
    }

    /// Work items for `feed`: all at once for kept resources (decoded, and skips checked, only
    /// when their turn comes), or a store page at a time.
    func work(for feed: ResourceFeed, grants: Bool) -> (initial: [ResourceWork], more: (() async throws -> [ResourceWork])?) {
        switch feed {
        case .kept(let resources):
            return (resources.compactMap { compact in
                connector.syncer(for: compact.typeId).map { ResourceWork(syncer: $0, source: .compact(compact), grants: grants) }
            }, nil)
        case .store:
            let pages = StoredResourcePages(store: store)
            let connector = self.connector
            return ([], {
                while let page = try await pages.next() {
                    let items = page.compactMap { resource in
                        connector.syncer(for: resource.id.resourceType).map {
                            ResourceWork(syncer: $0, source: .decoded(resource), grants: grants)
                        }
                    }
                    if !items.isEmpty { return items }
                }
                return []
            })
        }
    }

    /// Returns a predicate keeping objects whose resource types are all in `syncResourceTypes`.
    var typeFilter: @Sendable ([String]) -> Bool {
        let wanted = Set(options.syncResourceTypes)
        return { typeIds in wanted.isEmpty || typeIds.allSatisfy(wanted.contains) }
    }

    func syncEntitlements(resources: ResourceFeed, context: SyncContext) async throws -> Int {
        let store = self.store
        let keep = typeFilter
        var ids: Set<String> = []
        let items = work(for: resources, grants: false)
        try await BoundedConcurrency.run(
            initial: items.initial, more: items.more,
            limit: options.maxConcurrentListings,
            work: { item in
                guard let resource = try item.resource() else { return ([ResourceWork](), [String]()) }
                let label = "listing entitlements of \(resource.id.key)"
                var pageIds: [String] = []
                try await Pagination.forEachPage(listing: label, maxPages: options.maxPagesPerListing, fetch: { token in
                    try await timings.connector {
                        try await item.syncer.listEntitlements(resource: resource, pageToken: token, context: context)
                    }
                }, body: { page in
                    for entitlement in page { try ResourceValidation.check(entitlement, listing: label) }
                    let kept = page.filter { keep([$0.resource.id.resourceType]) }
                    if !kept.isEmpty { try await store.putEntitlements(kept) }
                    pageIds.append(contentsOf: kept.map(\.id))
                })
                return ([ResourceWork](), pageIds)
            },
            collect: { pageIds in ids.formUnion(pageIds) })
        return ids.count
    }

    struct GrantsResult {
        var count = 0
        /// Expansion declarations keyed by grant id (a repeated grant replaces its declaration).
        var expansions: [String: ExpansionDeclaration] = [:]
    }

    func syncGrants(resources: ResourceFeed, context: SyncContext,
                    listing: GrantListing = .full) async throws -> GrantsResult {
        let store = self.store
        let keep = typeFilter
        var result = GrantsResult()
        let items = work(for: resources, grants: true)
        try await BoundedConcurrency.run(
            initial: items.initial, more: items.more,
            limit: options.maxConcurrentListings,
            work: { item in
                var seen: [(id: String, expansion: ExpansionDeclaration?)] = []
                guard let resource = try item.resource() else { return ([ResourceWork](), seen) }
                let label = "listing grants of \(resource.id.key)"
                try await Pagination.forEachPage(listing: label, maxPages: options.maxPagesPerListing, fetch: { token in
                    try await timings.connector {
                        try await listing.page(of: item.syncer, resource: resource, pageToken: token, context: context)
                    }
                }, body: { page in
                    for grant in page { try ResourceValidation.check(grant, listing: label) }
                    let kept = page.filter {
                        keep([$0.entitlement.resource.id.resourceType, $0.principal.id.resourceType])
                    }
                    if !kept.isEmpty { try await store.putGrants(kept) }
                    seen.append(contentsOf: kept.map { ($0.id, ExpansionDeclaration(grant: $0)) })
                })
                return ([ResourceWork](), seen)
            },
            collect: { seen in
                for (id, expansion) in seen {
                    result.expansions[id] = expansion   // nil removes an earlier declaration of the same grant
                }
            })
        // Distinct grants, counted by the store (which upserts by id) rather than a set of ids here.
        result.count = try await store.grantCount()
        return result
    }
}

/// Reads a store's resources a page at a time, for the work items of one step. Used only on the
/// task that runs the step.
private final class StoredResourcePages {
    private let store: any SyncStore
    private var cursor: Int64? = 0
    static let pageSize = 500

    init(store: any SyncStore) { self.store = store }

    /// The next page, or nil after the last.
    func next() async throws -> [Resource]? {
        guard let after = cursor else { return nil }
        let page = try await store.resources(after: after, limit: Self.pageSize)
        cursor = page.next
        return page.resources
    }
}
