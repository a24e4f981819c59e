/// Non-IAM activity for the audit trail: members editing sources, warehouses, functions and
/// spaces, as Segment records them. Nothing in the workspace changes; only events are added, so
/// tests can check that usage evidence names the right member and resource.

/// One scripted action: who did what to which resource.
package struct MemberActivity: Sendable, Codable, Equatable {
    /// The audit event type, e.g. `Source Modified`.
    package var type: String
    /// The acting member's user id.
    package var actorId: String
    package var resourceId: String
    /// The audit trail's resource type (`source`, `warehouse`, `function`, `space`).
    package var resourceType: String

    package init(type: String, actorId: String, resourceId: String, resourceType: String) {
        self.type = type
        self.actorId = actorId
        self.resourceId = resourceId
        self.resourceType = resourceType
    }
}

extension WorkspaceState {
    /// `count` actions by random members on random resources, fixed by `seed`.
    func randomActivity(count: Int, seed: UInt64) -> [MemberActivity] {
        var rng = SplitMix64(seed: seed)
        var kinds: [(type: String, resourceType: String, ids: [String])] = []
        if !sources.isEmpty { kinds.append(("Source Modified", "source", sources.map(\.id))) }
        if !warehouses.isEmpty { kinds.append(("Warehouse Modified", "warehouse", warehouses.map(\.id))) }
        if !functions.isEmpty { kinds.append(("Source Function Updated", "function", functions.map(\.id))) }
        if !spaces.isEmpty { kinds.append(("Space Modified", "space", spaces.map(\.id))) }
        guard !users.isEmpty, !kinds.isEmpty else { return [] }
        return (0..<max(0, count)).map { _ in
            let kind = rng.pick(kinds)
            return MemberActivity(
                type: kind.type, actorId: rng.pick(users).id, resourceId: rng.pick(kind.ids), resourceType: kind.resourceType)
        }
    }

    /// Records each action as its audit event (actor = the member, with their e-mail); actions
    /// naming an unknown member, or an unknown source, warehouse, function or space, are dropped.
    /// Returns the events recorded.
    mutating func recordActivity(_ actions: [MemberActivity], at now: Int) -> [WorkspaceSnapshot.AuditEvent] {
        var recorded: [WorkspaceSnapshot.AuditEvent] = []
        for action in actions {
            guard let actor = user(action.actorId), let name = resourceName(type: action.resourceType, id: action.resourceId) else {
                continue
            }
            eventCounter += 1
            let event = WorkspaceSnapshot.AuditEvent(
                id: "simevt\(String(eventCounter, radix: 36))", timestamp: UTCTime.iso8601(now), type: action.type,
                actor: actor.id, actorEmail: actor.email, resourceId: action.resourceId,
                resourceType: action.resourceType, resourceName: name)
            auditEvents.append(event)
            recorded.append(event)
        }
        return recorded
    }

    private func resourceName(type: String, id: String) -> String? {
        switch type {
        case "source": sources.first { $0.id == id }.map { $0.name ?? $0.slug }
        case "warehouse": warehouses.first { $0.id == id }.map { _ in id }
        case "function": functions.first { $0.id == id }.map { $0.displayName }
        case "space": spaces.first { $0.id == id }.map { $0.name }
        default: id  // a kind the simulator does not model (tracking plans...): named by its id
        }
    }
}
