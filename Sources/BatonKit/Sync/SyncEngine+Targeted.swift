import Logging

/// Targeted syncs (`--sync-resources`, a `sync_full` task's `targeted_sync_resources`): only the
/// named resources are read (through ``ResourceGetter``), then their entitlements and grants
/// (through ``TargetedGrantLister`` where a connector offers it), then grant expansion over what
/// was read. The run is recorded as `partial`, as the SDK does; a named resource that no longer
/// exists, or whose type cannot be read one by one, is skipped with a warning.
extension SyncEngine {
    /// Which listing gives a resource's grants.
    enum GrantListing: Sendable {
        case full
        case targeted

        func page(of syncer: any ResourceSyncer, resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<
            Grant
        > {
            if self == .targeted, let lister = syncer as? any TargetedGrantLister {
                return try await lister.listTargetedGrants(resource: resource, pageToken: pageToken, context: context)
            }
            return try await syncer.listGrants(resource: resource, pageToken: pageToken, context: context)
        }
    }

    func runTargeted(syncId: String, types: [SelectedType]) async throws -> SyncSummary {
        var summary = SyncSummary(syncId: syncId, syncType: .partial)
        var log = logger
        log[metadataKey: "sync_id"] = .string(syncId)
        let context = SyncContext(syncId: syncId, session: SessionCache(), logger: log)
        let targets = try selectedTargets(types: types)
        log.info(
            "sync started",
            metadata: [
                "sync_type": .string(SyncType.partial.rawValue),
                "targeted_resources": .stringConvertible(targets.count),
            ])

        try await store.putResourceTypes(types.map(\.resourceType))
        summary.resourceTypes = types.count

        let resources = try await fetchTargets(targets, types: types, context: context)
        for resource in resources { summary.resourcesByType[resource.typeId, default: 0] += 1 }
        log.info("synced targeted resources", metadata: ["count": .stringConvertible(resources.count)])

        if !options.skipEntitlementsAndGrants {
            summary.entitlements = try await syncEntitlements(resources: .kept(resources), context: context)
            if !options.skipGrants {
                let grants = try await syncGrants(resources: .kept(resources), context: context, listing: .targeted)
                summary.grants = grants.count
                if !options.skipExpandGrants, !grants.expansions.isEmpty {
                    // Sources outside the targets (a user's groups) are known from their grants.
                    var expander = GrantExpander(store: store, logger: log, batchSize: options.batchSize)
                    expander.deriveMissingSources = true
                    summary.expandedGrants = try await expander.expand(Array(grants.expansions.values))
                }
            }
        }
        try await store.finishSync()
        log.info("sync finished", metadata: ["summary": .string(summary.line)])
        return summary
    }

    /// The named resources, once each, restricted to `syncResourceTypes` as the SDK does; a type
    /// the connector does not declare at all is an error.
    private func selectedTargets(types: [SelectedType]) throws -> [BatonResourceID] {
        let declared = Set(connector.syncers.map(\.resourceType.id))
        let selected = Set(types.map(\.resourceType.id))
        var seen: Set<BatonResourceID> = []
        var targets: [BatonResourceID] = []
        for target in options.targetedResources {
            guard declared.contains(target.id.resourceType) else {
                throw BatonError.invalidArgument(
                    "unknown resource type \"\(target.id.resourceType)\" in --sync-resources (known: \(declared.sorted().joined(separator: ", ")))"
                )
            }
            guard selected.contains(target.id.resourceType), seen.insert(target).inserted else { continue }
            targets.append(target)
        }
        return targets
    }

    private func fetchTargets(_ targets: [BatonResourceID], types: [SelectedType], context: SyncContext) async throws -> [CompactResource] {
        let byId = Dictionary(uniqueKeysWithValues: types.map { ($0.resourceType.id, $0) })
        let declared = byId.mapValues(\.resourceType)
        let store = self.store
        var fetched = OrderedTable<CompactResource>()
        try await BoundedConcurrency.run(
            initial: targets,
            limit: options.maxConcurrentListings,
            work: { (target: BatonResourceID) async throws -> (followUps: [BatonResourceID], output: CompactResource?) in
                let none: (followUps: [BatonResourceID], output: CompactResource?) = ([], nil)
                guard let getter = byId[target.id.resourceType]?.syncer as? any ResourceGetter else {
                    context.logger.warning(
                        "resource type cannot be read one by one: targeted resource skipped",
                        metadata: ["resource": .string(target.id.key)])
                    return none
                }
                guard let resource = try await getter.getResource(id: target.id, parent: target.parent, context: context) else {
                    context.logger.warning("targeted resource not found upstream: skipped", metadata: ["resource": .string(target.id.key)])
                    return none
                }
                let label = "getting \(target.id.key)"
                try ResourceValidation.check(resource, declaredTypes: declared, listing: label)
                guard resource.id == target.id else {
                    throw BatonError.internal("\(label) returned resource \(resource.id.key)")
                }
                try await store.putResources([resource])
                return (followUps: [], output: try CompactResource(resource))
            },
            collect: { (compact: CompactResource?) in
                if let compact { fetched.upsert(compact, key: compact.key) }
            })
        return fetched.values
    }
}
