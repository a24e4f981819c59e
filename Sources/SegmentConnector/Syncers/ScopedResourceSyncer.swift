import BatonKit
import SegmentAPI

/// Sources, warehouses, functions and spaces: resources that carry one permission entitlement
/// per role applying to their kind (`<kind>:<id>:<role_snake>`). Their grants are listed from
/// the users and groups holding them.
struct ScopedResourceSyncer: ResourceSyncer {
    let client: SegmentClient
    let memo: WorkspaceMemo
    let locks: PrincipalLocks
    let kind: ScopedResourceKind
    var resourceType: ResourceType { SegmentResourceTypes.type(of: kind) }

    func listResources(parent: ResourceId?, pageToken: String, context: SyncContext) async throws -> SyncPage<Resource> {
        guard let parent else { return .empty }
        let listing = try await ScopedResourceListing.page(kind, client: client, pageToken: pageToken, context: context)
        let index = try await SyncLookups(client: client, memo: memo, context: context).permissions()
        var resources: [Resource] = []
        resources.reserveCapacity(listing.items.count)
        try await PersistedIndexFact.persist(
            listing.items.map { PersistedIndexFact.resource(segmentType: kind.segmentType, id: $0.id) },
            context: context)
        for item in listing.items {
            await index.noteResource(segmentType: kind.segmentType, id: item.id)
            resources.append(
                Resource.make(
                    id: ResourceId(resourceType.id, item.id), displayName: item.displayName, parent: parent,
                    description: item.description))
        }
        return SyncPage(resources, nextPageToken: listing.nextPageToken)
    }

    func listEntitlements(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Entitlement> {
        let lookups = SyncLookups(client: client, memo: memo, context: context)
        let roles = try await lookups.roles()
        let observed = try await lookups.permissions().roleIds(onResource: kind.segmentType, id: resource.id.resource)
        var slugs = Set<String>()
        var entitlements: [Entitlement] = []
        for role in roles.all where RoleScopes.kinds(forRoleNamed: roles.name(of: role)).contains(kind) || observed.contains(role.id) {
            let entitlement = EntitlementCatalog.scopedRole(resource, role: role, roles: roles)
            if slugs.insert(entitlement.slug).inserted { entitlements.append(entitlement) }
        }
        return SyncPage(entitlements)
    }

    func listGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        .empty
    }
}

/// One listed source, warehouse, function or space, as the syncer needs it.
struct ScopedResourceItem: Sendable {
    var id: String
    var displayName: String
    var description: String
}

/// Pages through the Segment listing behind each scoped kind, skipping plan-gated ones once.
enum ScopedResourceListing {
    static func page(
        _ kind: ScopedResourceKind, client: SegmentClient, pageToken: String,
        context: SyncContext
    ) async throws -> SyncPage<ScopedResourceItem> {
        let cursor = pageToken.isEmpty ? nil : pageToken
        switch kind {
        case .source:
            let page = try await client.listSources(cursor: cursor)
            return SyncPage(page.items.map(item), nextPageToken: page.next ?? "")
        case .warehouse:
            let page = try await FeatureGate.skippingUnavailable(
                "warehouses", context: context, firstPage: cursor == nil, fallback: Page<Warehouse>(items: [], next: nil)
            ) {
                try await client.listWarehouses(cursor: cursor)
            }
            return SyncPage(page.items.map(item), nextPageToken: page.next ?? "")
        case .space:
            let page = try await FeatureGate.skippingUnavailable(
                "spaces", context: context, firstPage: cursor == nil, fallback: Page<Space>(items: [], next: nil)
            ) {
                try await client.listSpaces(cursor: cursor)
            }
            return SyncPage(page.items.map(item), nextPageToken: page.next ?? "")
        case .function:
            return try await functions(client: client, pageToken: pageToken, context: context)
        }
    }

    /// All five function kinds in turn; the token is `<kind index>|<cursor>`.
    private static func functions(client: SegmentClient, pageToken: String, context: SyncContext) async throws -> SyncPage<
        ScopedResourceItem
    > {
        let kinds = FunctionResourceType.allCases
        let token = try PhasedPageToken(pageToken)
        guard kinds.indices.contains(token.phase) else { throw SegmentConnectorError.badPageToken(pageToken) }
        let kind = kinds[token.phase]
        let page = try await FeatureGate.skippingUnavailable(
            "functions (\(kind.rawValue))", context: context, firstPage: token.cursor == nil,
            fallback: Page<SegmentFunction>(items: [], next: nil)
        ) {
            try await client.listFunctions(resourceType: kind, cursor: token.cursor)
        }
        let items = page.items.compactMap { function -> ScopedResourceItem? in
            guard let id = function.id, !id.isEmpty else { return nil }
            let kindName = (function.resourceType ?? kind.rawValue).lowercased().replacingOccurrences(of: "_", with: " ")
            return ScopedResourceItem(
                id: id, displayName: function.displayName ?? id,
                description: function.description ?? "Segment \(kindName) function")
        }
        return SyncPage(items, nextPageToken: PhasedPageToken.after(phase: token.phase, next: page.next, phases: kinds.count))
    }

    private static func item(_ source: Source) -> ScopedResourceItem {
        let labels = (source.labels ?? []).map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        let type = source.metadata?.name.map { "\($0) source" } ?? "Source"
        return ScopedResourceItem(
            id: source.id, displayName: source.displayName,
            description: labels.isEmpty ? type : "\(type); labels \(labels)")
    }

    private static func item(_ warehouse: Warehouse) -> ScopedResourceItem {
        ScopedResourceItem(
            id: warehouse.id, displayName: warehouse.displayName,
            description: warehouse.metadata?.name.map { "\($0) warehouse" } ?? "Warehouse")
    }

    private static func item(_ space: Space) -> ScopedResourceItem {
        ScopedResourceItem(id: space.id, displayName: space.name ?? space.slug ?? space.id, description: "Engage/Unify space")
    }
}
