import BatonStore
import Foundation
import Logging
import Synchronization

/// Runs a sync of a ``Connector`` into a ``SyncStore`` in the order docs/baton-conventions.md gives ("How a sync runs"): validate, resource
/// types, resources (top level, then children named by `ChildResourceType`, recursively),
/// entitlements, grants, then grant expansion. Listings of different resources run concurrently
/// (at most `options.maxConcurrentListings` at once); each page goes straight to the store.
package struct SyncEngine: Sendable {
    package let connector: any Connector
    package let store: any SyncStore
    package let options: SyncOptions
    package let logger: Logger
    /// When set, each step's wall time and the time inside connector calls are recorded here.
    package let timings: SyncTimings?

    package init(
        connector: any Connector, store: any SyncStore, options: SyncOptions = SyncOptions(), logger: Logger,
        timings: SyncTimings? = nil
    ) {
        self.connector = connector
        self.store = store
        self.options = options
        self.logger = logger
        self.timings = timings
    }

    /// Runs the whole sync and returns what was written. Any error aborts the sync; the store's
    /// run is then left unfinished (a file-backed store never renames it into place).
    ///
    /// A store holding an unfinished run of the same shape, connector version and age (see
    /// ``ResumePolicy``) carries it on from its last checkpoint: finished listings are not
    /// repeated, and the result is the file an uninterrupted run would have written.
    package func run() async throws -> SyncSummary {
        let types = try selectedResourceTypes()
        // The store starts first: a destination that is locked or cannot be written fails here,
        // before the connector makes its first request.
        let started = try await store.startSync(type: options.syncType, resume: resumeDecision())
        do {
            try await connector.validate()
            if !options.targetedResources.isEmpty { return try await runTargeted(syncId: started.syncId, types: types) }
            return try await run(syncId: started.syncId, types: types, resumed: started.checkpoint.flatMap(SyncCheckpoint.decode))
        } catch {
            // A cancelled sync (a shutdown) keeps its progress for the next one to resume; a
            // failed one starts afresh next time.
            if error is CancellationError || Task.isCancelled { await store.suspendSync() } else { await store.abortSync() }
            throw error
        }
    }

    /// Whether an unfinished run the store found may be carried on; says why not otherwise.
    func resumeDecision() -> @Sendable (UnfinishedSync) -> ResumeDecision {
        let policy = options.resume, identity = options.connectorIdentity, shape = options.shape
        let targeted = !options.targetedResources.isEmpty
        return { unfinished in
            guard policy.enabled else { return .discard(reason: "--no-resume") }
            guard !targeted else { return .discard(reason: "a targeted sync starts afresh") }
            guard let checkpoint = SyncCheckpoint.decode(unfinished.checkpoint), checkpoint.format == SyncCheckpoint.currentFormat,
                checkpoint.syncId == unfinished.syncID
            else {
                return .discard(reason: "its checkpoint is not one this version reads")
            }
            guard checkpoint.connector == identity else {
                return .discard(
                    reason:
                        "it was written by another connector version (\(checkpoint.connector.isEmpty ? "unknown" : checkpoint.connector))")
            }
            guard checkpoint.shape == shape else { return .discard(reason: "it was started with other sync options (\(checkpoint.shape))") }
            let age = Date().timeIntervalSince(unfinished.startedAt)
            let maxAge = Double(policy.maxAge.components.seconds) + Double(policy.maxAge.components.attoseconds) / 1e18
            guard age <= maxAge else {
                return .discard(reason: "it began \(Int(age)) s ago, longer than --resume-max-age (\(Int(maxAge)) s)")
            }
            return .resume
        }
    }

    private func run(syncId: String, types: [SelectedType], resumed: SyncCheckpoint?) async throws -> SyncSummary {
        var summary = SyncSummary(syncId: syncId, syncType: options.syncType)
        var log = logger
        log[metadataKey: "sync_id"] = .string(syncId)
        let context = SyncContext(syncId: syncId, session: SessionCache(), persisted: PersistedSession(store: store), logger: log)
        let start = resumed ?? SyncCheckpoint(connector: options.connectorIdentity, shape: options.shape, syncId: syncId, phase: .resources)
        let progress = SyncProgress(start: start, store: store, interval: options.resume.checkpointInterval, enabled: true)

        if let resumed {
            log.info(
                "resuming an unfinished sync from its last checkpoint",
                metadata: [
                    "sync_type": .string(options.syncType.rawValue), "phase": .string(resumed.phase.rawValue),
                    "listings_done": .stringConvertible(resumed.listingsDone.count),
                    "items_done": .stringConvertible(resumed.work.doneBelow + resumed.work.done.count),
                ])
        } else {
            log.info("sync started", metadata: ["sync_type": .string(options.syncType.rawValue)])
        }

        try await store.putResourceTypes(types.map(\.resourceType))
        summary.resourceTypes = types.count
        log.info("synced resource types", metadata: ["count": .stringConvertible(types.count)])

        let declarations = try await listingSteps(
            types: types, context: context, resumed: resumed != nil,
            progress: progress, summary: &summary)
        // Expansion reads only the store: the connector's per-sync state (its session cache) is
        // released first, so it does not add to the memory expansion needs.
        await context.session.removeAll()
        if !options.skipExpandGrants, !declarations.isEmpty {
            try await progress.begin(.expansion)
            let expander = GrantExpander(store: store, logger: log, batchSize: options.batchSize)
            summary.expandedGrants = try await timings.phase("expansion") { try await expander.expand(declarations) }
            log.info("expanded grants", metadata: ["created": .stringConvertible(summary.expandedGrants)])
        }

        try await timings.phase("finish") { try await store.finishSync() }
        log.info("sync finished", metadata: ["summary": .string(summary.line)])
        return summary
    }

    /// Resources, entitlements and grants (each as the options allow, and each only when the
    /// resumed checkpoint has not passed it); returns the expansion declarations of the grants.
    private func listingSteps(
        types: [SelectedType], context: SyncContext, resumed: Bool, progress: SyncProgress,
        summary: inout SyncSummary
    ) async throws -> [ExpansionDeclaration] {
        let log = context.logger
        let start = progress.snapshot
        if start.phase == .resources {
            try await progress.begin(.resources)
            let listed = try await timings.phase("resources") {
                try await syncResources(types: types, context: context, progress: progress)
            }
            summary.resourcesByType = listed
        }
        // Part of a resumed sync's resources came from the interrupted process: count the store's.
        if resumed { summary.resourcesByType = try await storedResourceCounts() }
        log.info("synced resources", metadata: ["count": .stringConvertible(summary.resources)])
        guard !options.skipEntitlementsAndGrants else { return [] }

        // The later steps walk the stored resources in first-written order (the same in every
        // process, so checkpoints can name items by position), reading them back from the store
        // a page at a time: a large workspace's resources are never all kept in memory.
        if start.phase <= .entitlements {
            try await progress.begin(.entitlements)
            summary.entitlements = try await timings.phase("entitlements") {
                try await syncEntitlements(resources: .store, context: context, progress: progress)
            }
        }
        if resumed { summary.entitlements = try await store.entitlementCount() }
        log.info("synced entitlements", metadata: ["count": .stringConvertible(summary.entitlements)])
        var grants = GrantsResult()
        if !options.skipGrants, start.phase <= .grants {
            try await progress.begin(.grants)
            grants = try await timings.phase("grants") {
                try await syncGrants(resources: .store, context: context, progress: progress)
            }
        }
        if resumed {
            // Part of the grants came from the interrupted process: read every declaration
            // back from the stored grants' GrantExpandable (what the listing would have kept).
            grants.expansions = [:]
            for grant in try await store.expandableGrants() { grants.expansions[grant.id] = ExpansionDeclaration(grant: grant) }
            grants.count = try await store.grantCount()
        }
        summary.grants = grants.count
        log.info("synced grants", metadata: ["count": .stringConvertible(grants.count)])
        return Array(grants.expansions.values)
    }

    /// How many resources of each type the store holds, counted a page at a time.
    private func storedResourceCounts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        var cursor: Int64? = 0
        while let after = cursor {
            let page = try await store.storedResources(after: after, limit: StoredWorkFeed.pageSize)
            for resource in page.resources { counts[resource.typeId, default: 0] += 1 }
            cursor = page.next
        }
        return counts
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
            throw BatonError.invalidArgument(
                "unknown resource type \"\(id)\" in --sync-resource-types (known: \(seen.sorted().joined(separator: ", ")))")
        }
        return connector.syncers
            .filter { wanted.isEmpty || wanted.contains($0.resourceType.id) }
            .map(SelectedType.init)
    }

    private struct ResourceListing: Sendable {
        let syncer: any ResourceSyncer
        let parent: ResourceId?
        var startToken = ""

        /// `<type>@<parent key>`: names the listing in checkpoints.
        var key: String { "\(syncer.resourceType.id)@\(parent?.key ?? "")" }
    }

    /// Each listing is scheduled once, however often its parent is seen (a page fetched again
    /// after a resume names the same children).
    private final class ListingRegistry: Sendable {
        private let claimed = Mutex<Set<String>>([])
        func claim(_ key: String) -> Bool { claimed.withLock { $0.insert(key).inserted } }
    }

    /// Lists every resource into the store; returns how many distinct resources of each type
    /// this process listed (a resumed run counts the store's instead).
    private func syncResources(types: [SelectedType], context: SyncContext, progress: SyncProgress) async throws -> [String: Int] {
        let byId = Dictionary(uniqueKeysWithValues: types.map { ($0.resourceType.id, $0) })
        let declared = byId.mapValues(\.resourceType)
        let allDeclared = Set(connector.syncers.map(\.resourceType.id))
        let store = self.store
        let registry = ListingRegistry()
        let checkpoint = progress.snapshot
        for key in checkpoint.listingsDone { _ = registry.claim(key) }

        var initial = types.map { ResourceListing(syncer: $0.syncer, parent: nil) }
        if !checkpoint.listingsDone.isEmpty || !checkpoint.listingTokens.isEmpty {
            // Resumed: children of the resources already stored are listed again from their
            // checkpointed page (or the start); finished listings are skipped. The stored
            // resources are read a page at a time.
            var cursor: Int64? = 0
            while let after = cursor {
                let page = try await store.storedResources(after: after, limit: StoredWorkFeed.pageSize)
                for stored in page.resources {
                    let resource = try Resource(serializedBytes: stored.bytes)
                    for childType in resource.childResourceTypeIds {
                        if let child = byId[childType] { initial.append(ResourceListing(syncer: child.syncer, parent: resource.id)) }
                    }
                }
                cursor = page.next
            }
        }
        initial = initial.filter { registry.claim($0.key) }.map { listing in
            var listing = listing
            listing.startToken = checkpoint.listingTokens[listing.key] ?? ""
            return listing
        }

        // Keys only: the resources themselves stay in the store.
        var seen: Set<String> = []
        var counts: [String: Int] = [:]
        try await BoundedConcurrency.run(
            initial: initial,
            limit: options.maxConcurrentListings,
            work: { listing in
                let typeId = listing.syncer.resourceType.id
                let label = listing.parent.map { "listing \(typeId) resources under \($0.key)" } ?? "listing \(typeId) resources"
                var found: [(key: String, typeId: String)] = []
                var children: [ResourceListing] = []
                try await Pagination.forEachPage(
                    listing: label, maxPages: options.maxPagesPerListing, startToken: listing.startToken,
                    fetch: { token in
                        try await timings.connector {
                            try await listing.syncer.listResources(parent: listing.parent, pageToken: token, context: context)
                        }
                    },
                    body: { page in
                        for resource in page {
                            try ResourceValidation.check(resource, declaredTypes: declared, listing: label)
                            for childType in resource.childResourceTypeIds {
                                if let child = byId[childType] {
                                    let childListing = ResourceListing(syncer: child.syncer, parent: resource.id)
                                    if registry.claim(childListing.key) { children.append(childListing) }
                                } else if !allDeclared.contains(childType) {
                                    throw BatonError.internal(
                                        "resource \(resource.id.key) names child resource type \"\(childType)\" that the connector does not declare"
                                    )
                                }
                            }
                        }
                        try await store.putResources(page)
                        found.append(contentsOf: page.map { ($0.id.key, $0.id.resourceType) })
                    },
                    stored: { next in
                        progress.listingPageStored(listing.key, next: next)
                        try await progress.checkpointIfDue()
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
        return grants
            ? annotations.contains(C1_Connector_V2_SkipGrants.self)
            : annotations.contains(C1_Connector_V2_SkipEntitlements.self)
    }

    struct ResourceWork: Sendable {
        let syncer: any ResourceSyncer
        let compact: CompactResource
        let grants: Bool
        /// Position in the work list (checkpoints name items by it).
        var index = 0
        var startToken = ""

        /// The resource, or nil when it (or its type) opts out of this step.
        func resource() throws -> Resource? {
            let resource = try compact.decoded()
            return SyncEngine.skips(resource, type: syncer.resourceType, grants: grants) ? nil : resource
        }
    }

    /// Returns a predicate keeping objects whose resource types are all in `syncResourceTypes`.
    var typeFilter: @Sendable ([String]) -> Bool {
        let wanted = Set(options.syncResourceTypes)
        return { typeIds in wanted.isEmpty || typeIds.allSatisfy(wanted.contains) }
    }

    func syncEntitlements(resources: ResourceFeed, context: SyncContext, progress: SyncProgress? = nil) async throws -> Int {
        let store = self.store
        let keep = typeFilter
        var ids: Set<String> = []
        let items = work(for: resources, grants: false, progress: progress)
        try await BoundedConcurrency.run(
            initial: items.initial, more: items.more,
            limit: options.maxConcurrentListings,
            work: { item in
                guard let resource = try item.resource() else {
                    progress?.workPageStored(item.index, next: "")
                    return ([ResourceWork](), [String]())
                }
                let label = "listing entitlements of \(resource.id.key)"
                var pageIds: [String] = []
                try await Pagination.forEachPage(
                    listing: label, maxPages: options.maxPagesPerListing, startToken: item.startToken,
                    fetch: { token in
                        try await timings.connector {
                            try await item.syncer.listEntitlements(resource: resource, pageToken: token, context: context)
                        }
                    },
                    body: { page in
                        for entitlement in page { try ResourceValidation.check(entitlement, listing: label) }
                        let kept = page.filter { keep([$0.resource.id.resourceType]) }
                        if !kept.isEmpty { try await store.putEntitlements(kept) }
                        pageIds.append(contentsOf: kept.map(\.id))
                    },
                    stored: { next in
                        progress?.workPageStored(item.index, next: next)
                        try await progress?.checkpointIfDue()
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

    func syncGrants(
        resources: ResourceFeed, context: SyncContext,
        listing: GrantListing = .full, progress: SyncProgress? = nil
    ) async throws -> GrantsResult {
        let store = self.store
        let keep = typeFilter
        var result = GrantsResult()
        let items = work(for: resources, grants: true, progress: progress)
        try await BoundedConcurrency.run(
            initial: items.initial, more: items.more,
            limit: options.maxConcurrentListings,
            work: { item in
                var seen: [(id: String, expansion: ExpansionDeclaration?)] = []
                guard let resource = try item.resource() else {
                    progress?.workPageStored(item.index, next: "")
                    return ([ResourceWork](), seen)
                }
                let label = "listing grants of \(resource.id.key)"
                try await Pagination.forEachPage(
                    listing: label, maxPages: options.maxPagesPerListing, startToken: item.startToken,
                    fetch: { token in
                        try await timings.connector {
                            try await listing.page(of: item.syncer, resource: resource, pageToken: token, context: context)
                        }
                    },
                    body: { page in
                        for grant in page { try ResourceValidation.check(grant, listing: label) }
                        let kept = page.filter {
                            keep([$0.entitlement.resource.id.resourceType, $0.principal.id.resourceType])
                        }
                        if !kept.isEmpty { try await store.putGrants(kept) }
                        seen.append(contentsOf: kept.map { ($0.id, ExpansionDeclaration(grant: $0)) })
                    },
                    stored: { next in
                        progress?.workPageStored(item.index, next: next)
                        try await progress?.checkpointIfDue()
                    })
                return ([ResourceWork](), seen)
            },
            collect: { seen in
                for (id, expansion) in seen {
                    result.expansions[id] = expansion  // nil removes an earlier declaration of the same grant
                }
            })
        // Distinct grants, counted by the store (which upserts by id) rather than a set of ids here.
        result.count = try await store.grantCount()
        return result
    }
}
