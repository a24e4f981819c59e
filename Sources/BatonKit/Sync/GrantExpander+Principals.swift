/// The fast path of grant expansion: a destination outside any cycle whose incoming edges are
/// all deep (not shallow) needs only *who* holds each source, never the source grants' bodies.
/// Holders of D are read as principal ids; a new grant is built per principal reached, with every
/// source that reaches it in `sources`; only principals that already hold D are read back whole
/// (to merge their `sources`). Memory per destination: D's holders and the new principals, as ids.
extension GrantExpander {
    /// Whether `edges` into one destination can take the id-only path (the caller checks acyclicity).
    static func idOnlyApplies(to edges: [Edge]) -> Bool {
        !edges.contains { $0.shallow }
    }

    /// Gives D to every principal of each edge's source, reading principal ids only; returns how
    /// many grants were created.
    func expandByPrincipals(into destination: Entitlement, edges: [Edge]) async throws -> Int {
        var holders: Set<String> = []
        for principal in try await store.grantPrincipals(entitlementId: destination.id) { holders.insert(principal.key) }
        // Principals reached, in first-reached order, with the sources reaching each.
        var reached: [(principal: ResourceId, sources: [String])] = []
        var position: [String: Int] = [:]
        for edge in edges {
            let wanted = Set(edge.resourceTypeIds)
            for principal in try await store.grantPrincipals(entitlementId: edge.source) {
                if !wanted.isEmpty, !wanted.contains(principal.resourceType) { continue }
                // A resource holding its own entitlement (a group inside itself) is noise.
                if principal == destination.resource.id { continue }
                let key = principal.key
                if let index = position[key] {
                    if !reached[index].sources.contains(edge.source) { reached[index].sources.append(edge.source) }
                } else {
                    position[key] = reached.count
                    reached.append((principal, [edge.source]))
                }
            }
        }
        position = [:]
        let store = store, size = max(1, batchSize)
        // Up to two batches in flight: one encoding on this core while the writer inserts the
        // other. Batches hold distinct principals, so their order does not matter; all are
        // written before returning, so the next destination reads them. New grants go as
        // `InheritedGrant`s (the store may encode them without building messages); grants a
        // principal already held go back whole, with the new sources merged in.
        return try await withThrowingTaskGroup(of: Void.self) { group in
            var created = 0, inFlight = 0
            var merged: [Grant] = []
            var inherited: [InheritedGrant] = []
            inherited.reserveCapacity(size)
            func send(_ write: @escaping @Sendable () async throws -> Void) async throws {
                if inFlight >= 2 { try await group.next(); inFlight -= 1 }
                group.addTask { try await write() }
                inFlight += 1
            }
            func sendInherited() async throws {
                let batch = inherited
                inherited.removeAll(keepingCapacity: true)
                try await send { try await store.putInheritedGrants(batch, of: destination) }
            }
            func sendMerged() async throws {
                let batch = merged
                merged.removeAll(keepingCapacity: true)
                try await send { try await store.putGrants(batch) }
            }
            for (principal, sources) in reached {
                if holders.contains(principal.key) {
                    guard let existing = try await store.grant(entitlementId: destination.id, principal: principal),
                        let grant = Self.merging(sources, into: existing, destination: destination.id)
                    else { continue }
                    merged.append(grant)
                    if merged.count >= size { try await sendMerged() }
                } else {
                    inherited.append(InheritedGrant(principal: principal, sources: sources))
                    created += 1
                    if inherited.count >= size { try await sendInherited() }
                }
            }
            if !inherited.isEmpty { try await sendInherited() }
            if !merged.isEmpty { try await sendMerged() }
            try await group.waitForAll()
            return created
        }
    }

    /// `existing` with `sources` added (a directly held grant also gets D itself as a direct
    /// source); nil when every source is already there.
    static func merging(_ sources: [String], into existing: Grant, destination: String) -> Grant? {
        var map = existing.sources.sources
        let missing = sources.filter { map[$0] == nil }
        guard !missing.isEmpty else { return nil }
        if map.isEmpty {
            var direct = C1_Connector_V2_GrantSources.GrantSource()
            direct.isDirect = true
            map[destination] = direct
        }
        for source in missing { map[source] = C1_Connector_V2_GrantSources.GrantSource() }
        var grant = existing
        grant.sources.sources = map
        return grant
    }
}
