import Logging

/// Grant expansion (docs/baton-conventions.md, "Expansion"): for every edge S → D declared by a `GrantExpandable`, everyone holding
/// S also holds D. Entitlements are processed in dependency order (strongly connected components
/// of the S → D graph, sources first), so nested groups propagate; inside a cycle the members are
/// expanded repeatedly until nothing changes, so a cycle neither hangs nor fails. A destination
/// outside any cycle with only deep edges reads principal ids, not grants (`GrantExpander+Principals`).
///
/// Work per destination is one read of D's grants plus one read of each source's grants, indexed
/// by principal: linear in the grants touched, never all grants against all grants.
struct GrantExpander: Sendable {
    let store: any SyncStore
    let logger: Logger
    var batchSize = 500
    /// Partial syncs: a source entitlement that is not stored (a user's group, when only the user
    /// was named) is taken from the grants of it that are stored, instead of skipping the edge.
    var deriveMissingSources = false

    struct Edge: Hashable, Sendable {
        let source: String
        let destination: String
        let shallow: Bool
        let resourceTypeIds: [String]
    }

    /// Expands and writes the resulting grants; returns how many new grants were created.
    func expand(_ declarations: [ExpansionDeclaration]) async throws -> Int {
        let (edges, destinations) = try await buildEdges(declarations)
        guard !edges.isEmpty else { return 0 }
        var incoming: [String: [Edge]] = [:]
        var successors: [String: [String]] = [:]
        for edge in edges {
            incoming[edge.destination, default: []].append(edge)
            successors[edge.source, default: []].append(edge.destination)
        }
        let nodes = Array(Set(edges.flatMap { [$0.source, $0.destination] })).sorted()
        var created = 0
        for component in StronglyConnected.components(nodes: nodes, successors: successors).reversed() {
            let members = component.filter { incoming[$0] != nil }
            let cyclic = component.count > 1 || (successors[component[0]] ?? []).contains(component[0])
            if !cyclic, let node = members.first, Self.idOnlyApplies(to: incoming[node]!) {
                created += try await expandByPrincipals(into: destinations[node]!, edges: incoming[node]!)
                continue
            }
            var changed = true
            while changed {
                changed = false
                for node in members {
                    let outcome = try await expand(into: destinations[node]!, edges: incoming[node]!)
                    created += outcome.created
                    changed = changed || outcome.changed
                }
                if !cyclic { break }
            }
        }
        return created
    }

    /// Validates declarations against stored entitlements and turns them into edges.
    private func buildEdges(_ declarations: [ExpansionDeclaration]) async throws -> ([Edge], [String: Entitlement]) {
        let sourceIds = Array(Set(declarations.flatMap(\.sources)))
        var stored = try await store.entitlements(ids: sourceIds + declarations.map(\.destination.id))
        if deriveMissingSources {
            for id in sourceIds where stored[id] == nil {
                if let held = try await store.grants(entitlementId: id).first?.entitlement { stored[id] = held }
            }
        }
        var edges: [Edge] = []
        var seen: Set<Edge> = []
        var destinations: [String: Entitlement] = [:]
        for declaration in declarations.sorted(by: { $0.grantId < $1.grantId }) {
            let destination = declaration.destination.id
            if destinations[destination] == nil {
                destinations[destination] = stored[destination].map(Self.slim) ?? declaration.destination
            }
            for source in declaration.sources {
                guard let entitlement = stored[source] else {
                    logger.warning(
                        "grant expansion: source entitlement not found, edge skipped",
                        metadata: ["entitlement_id": .string(source), "grant_id": .string(declaration.grantId)])
                    continue
                }
                guard entitlement.resource.id.resourceType == declaration.principal.resourceType,
                    entitlement.resource.id.resource == declaration.principal.resource
                else {
                    throw BatonError.failedPrecondition(
                        "source entitlement resource id did not match grant principal id: grant \(declaration.grantId) has principal \(declaration.principal.key) but source entitlement \(source) is on \(entitlement.resource.id.key)"
                    )
                }
                let edge = Edge(
                    source: source, destination: destination, shallow: declaration.shallow,
                    resourceTypeIds: declaration.resourceTypeIds)
                if seen.insert(edge).inserted { edges.append(edge) }
            }
        }
        return (edges, destinations)
    }

    private static func slim(_ entitlement: Entitlement) -> Entitlement {
        var slim = Entitlement()
        slim.id = entitlement.id
        slim.resource = entitlement.resource
        return slim
    }

    /// Gives D to every holder of each edge's source; returns whether any grant was added or changed.
    private func expand(into destination: Entitlement, edges: [Edge]) async throws -> (created: Int, changed: Bool) {
        var holders: [String: Grant] = [:]
        for grant in try await store.grants(entitlementId: destination.id) { holders[grant.principal.id.key] = grant }
        var dirty: Set<String> = []
        var created = 0
        for edge in edges {
            let wanted = Set(edge.resourceTypeIds)
            for sourceGrant in try await store.grants(entitlementId: edge.source) {
                let principal = sourceGrant.principal.id
                if !wanted.isEmpty, !wanted.contains(principal.resourceType) { continue }
                let sources = sourceGrant.sources.sources
                if edge.shallow, !(sources.isEmpty || sources[edge.source] != nil) { continue }
                // A resource holding its own entitlement (a group inside itself via a cycle) is noise.
                if principal == destination.resource.id { continue }
                let key = principal.key
                if var existing = holders[key] {
                    var map = existing.sources.sources
                    guard map[edge.source] == nil else { continue }
                    if map.isEmpty {  // held directly: mark D itself as a direct source
                        var direct = C1_Connector_V2_GrantSources.GrantSource()
                        direct.isDirect = true
                        map[destination.id] = direct
                    }
                    map[edge.source] = C1_Connector_V2_GrantSources.GrantSource()
                    existing.sources.sources = map
                    holders[key] = existing
                } else {
                    var grant = Grant()
                    grant.id = Grant.id(entitlementId: destination.id, principal: principal)
                    grant.entitlement = destination
                    grant.principal = sourceGrant.principal
                    grant.sources.sources = [edge.source: C1_Connector_V2_GrantSources.GrantSource()]
                    grant.annotations = [Annotation(C1_Connector_V2_GrantImmutable())]
                    holders[key] = grant
                    created += 1
                }
                dirty.insert(key)
            }
        }
        let changed = dirty.compactMap { holders[$0] }
        var start = 0
        while start < changed.count {
            let end = min(start + max(1, batchSize), changed.count)
            try await store.putGrants(Array(changed[start..<end]))
            start = end
        }
        return (created, !changed.isEmpty)
    }
}
