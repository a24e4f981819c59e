/// Builds a realistic workspace from a seed: the same seed, size and plan always give the same
/// snapshot (SplitMix64, no Swift randomness, no clock).
package enum WorkspaceGenerator {
    /// Generates a workspace. On the team plan groups, warehouses, spaces and labels are not
    /// generated whatever `size` says, and the role catalogue is the team one.
    package static func generate(seed: UInt64, size: WorkspaceSize, plan: Plan) -> WorkspaceSnapshot {
        var builder = WorkspaceBuilder(seed: seed, plan: plan)
        return builder.build(size: size)
    }
}

/// The generation steps, in dependency order (resources before the principals that reference them).
struct WorkspaceBuilder {
    typealias S = WorkspaceSnapshot
    var rng: SplitMix64
    let plan: Plan
    private var usedIds = Set<String>()
    private var snapshot = S(workspace: .init(id: "", slug: "", name: ""))
    private var roleIds: [String: String] = [:]

    init(seed: UInt64, plan: Plan) {
        rng = SplitMix64(seed: seed)
        self.plan = plan
    }

    mutating func build(size: WorkspaceSize) -> S {
        let company = rng.pick(NameBank.companies)
        let suffix = rng.segmentId(length: 4).lowercased()
        snapshot.workspace = .init(id: uniqueId(), slug: "\(company.slug)-\(suffix)", name: company.name)
        for entry in SimulatedRoles.entries(for: plan) {
            snapshot.roles.append(.init(id: entry.id, name: entry.name, description: entry.description))
            roleIds[entry.name] = entry.id
        }
        if plan == .business { makeLabels() }
        makeSources(max(0, size.sources))
        if plan == .business {
            makeWarehouses(max(0, size.warehouses))
            makeSpaces(max(0, size.spaces))
        }
        makeFunctions(max(0, size.functions))
        makeUsers(max(0, size.users))
        makeInvites(max(0, size.invites))
        if plan == .business {
            makeGroups(max(0, size.groups))
            makeAuditEvents(min(1_000, 5 + size.users / 10))
        }
        return snapshot
    }

    private mutating func uniqueId(length: Int = 22) -> String {
        while true {
            let id = rng.segmentId(length: length)
            if usedIds.insert(id).inserted { return id }
        }
    }

    private mutating func makeLabels() {
        snapshot.labels = [
            .init(key: "env", value: "prod", description: "Production data"),
            .init(key: "env", value: "staging", description: "Staging data"),
            .init(key: "env", value: "dev"),
            .init(key: "team", value: "growth", description: "Growth team"),
            .init(key: "team", value: "data"),
            .init(key: "team", value: "platform"),
            .init(key: "region", value: "eu", description: "EU customers"),
        ]
    }

    private mutating func makeSources(_ count: Int) {
        let environments = ["Prod", "Staging", "Dev"]
        var slugs = Set<String>()
        for i in 0..<count {
            let catalog = rng.pick(NameBank.sourceCatalog)
            let purpose = rng.pick(NameBank.sourcePurposes)
            let env = environments[i % 3 == 2 ? rng.int(below: 3) : 0]
            let name = "\(purpose) \(env)"
            var slug = name.lowercased().replacingOccurrences(of: " ", with: "-")
            if !slugs.insert(slug).inserted { slug += "-\(i)"; slugs.insert(slug) }
            var labels: [S.Label] = []
            if plan == .business {
                labels.append(.init(key: "env", value: env.lowercased()))
                if rng.chance(50) { labels.append(.init(key: "team", value: rng.pick(["growth", "data", "platform"]))) }
            }
            snapshot.sources.append(
                .init(
                    id: uniqueId(), slug: slug, name: i % 17 == 16 ? nil : name, enabled: !rng.chance(10),
                    workspaceId: snapshot.workspace.id, labels: labels,
                    metadata: .init(id: catalog.id, name: catalog.name, slug: catalog.slug)))
        }
    }

    private mutating func makeWarehouses(_ count: Int) {
        for i in 0..<count {
            let catalog = rng.pick(NameBank.warehouseCatalog)
            snapshot.warehouses.append(
                .init(
                    id: uniqueId(), workspaceId: snapshot.workspace.id, enabled: !rng.chance(10),
                    settings: .init(name: i % 7 == 6 ? nil : "\(catalog.name) \(["Analytics", "Finance", "Archive"][i % 3]) \(i + 1)"),
                    metadata: .init(id: catalog.id, name: catalog.name, slug: catalog.slug)))
        }
    }

    private mutating func makeSpaces(_ count: Int) {
        for i in 0..<count {
            let base = NameBank.spaceNames[i % NameBank.spaceNames.count]
            let name = i < NameBank.spaceNames.count ? base : "\(base) \(i / NameBank.spaceNames.count + 1)"
            snapshot.spaces.append(.init(id: uniqueId(), slug: name.lowercased().replacingOccurrences(of: " ", with: "-"), name: name))
        }
    }

    private mutating func makeFunctions(_ count: Int) {
        let prefixes = [
            "SOURCE": "sfn_", "DESTINATION": "dfn_", "INSERT_SOURCE": "ifns_", "INSERT_DESTINATION": "ifnd_",
            "INSERT_TRANSFORMATION": "ifnt_",
        ]
        for i in 0..<count {
            let kind = PermissionRules.functionKinds[i % PermissionRules.functionKinds.count]
            let noun = rng.pick(NameBank.functionNouns)
            let day = 19_723 + i  // 2024-01-01 onwards
            snapshot.functions.append(
                .init(
                    id: prefixes[kind, default: "fn_"] + uniqueId(length: 24), resourceType: kind,
                    displayName: "\(noun) \(i + 1)", description: rng.chance(60) ? "\(noun) for \(kind.lowercased()) events" : nil,
                    logoUrl: nil, catalogId: nil, createdAt: UTCTime.iso8601(day * 86_400 + rng.int(below: 86_400)), createdBy: nil))
        }
    }

    private mutating func makeUsers(_ count: Int) {
        let owners = count == 0 ? 0 : 1 + count / 3_000
        var emails = Set<String>()
        for i in 0..<count {
            let first: (display: String, ascii: String)
            let last: (display: String, ascii: String)
            var tag: String? = nil
            switch i {  // two fixed people so every workspace shows non-ASCII names and a '+' e-mail
            case 0: (first, last) = (NameBank.firstNames[0], NameBank.lastNames[0])
            case 1: (first, last, tag) = (NameBank.firstNames[1], NameBank.lastNames[1], "segment")
            default:
                (first, last) = (rng.pick(NameBank.firstNames), rng.pick(NameBank.lastNames))
                if rng.chance(10) { tag = rng.pick(NameBank.plusTags) }
            }
            var local = "\(first.ascii).\(last.ascii)"
            if emails.contains(local) { local += "\(i)" }
            emails.insert(local)
            let email = local + (tag.map { "+\($0)" } ?? "") + "@example.com"
            let permissions = i < owners ? [permission("Workspace Owner", workspace())] : archetypePermissions(i - owners)
            snapshot.users.append(.init(id: uniqueId(), name: "\(first.display) \(last.display)", email: email, permissions: permissions))
        }
        // Functions record who created them, once users exist.
        if !snapshot.users.isEmpty {
            for i in snapshot.functions.indices { snapshot.functions[i].createdBy = rng.pick(snapshot.users).id }
        }
    }

    private mutating func makeInvites(_ count: Int) {
        for i in 0..<count {
            let email = i % 4 == 3 ? "contractor+\(i)@agency.example.org" : "new.hire\(i)@example.com"
            var permissions = [permission(SimulatedRoles.minimalAccess, workspace())]
            if !snapshot.sources.isEmpty && rng.chance(40) {
                permissions.append(permission("Source Read-only", sourceResources(1)))
            }
            snapshot.invites.append(.init(email: email, permissions: permissions))
        }
    }

    private mutating func makeGroups(_ count: Int) {
        let users = snapshot.users.count
        let maxMembers = min(users, 3 + users / 100)
        for i in 0..<count {
            let base = NameBank.groupNames[i % NameBank.groupNames.count]
            let name = i < NameBank.groupNames.count ? base : "\(base) \(i / NameBank.groupNames.count + 1)"
            let members =
                maxMembers == 0 ? [] : rng.distinctIndices(rng.int(in: 1...maxMembers), below: users).map { snapshot.users[$0].id }
            let invitees =
                snapshot.invites.isEmpty || !rng.chance(50)
                ? [] : rng.distinctIndices(rng.int(in: 1...2), below: snapshot.invites.count).map { snapshot.invites[$0].email }
            var permissions = archetypePermissions(i + 3)
            permissions.removeAll { $0.roleName == SimulatedRoles.minimalAccess }
            if permissions.isEmpty { permissions = [permission(SimulatedRoles.workspaceMember, workspace())] }
            snapshot.groups.append(.init(id: uniqueId(), name: name, members: members, inviteMembers: invitees, permissions: permissions))
        }
    }

    private mutating func makeAuditEvents(_ count: Int) {
        guard let actor = snapshot.users.first else { return }
        let start = 1_714_521_600  // 2024-05-01T00:00:00Z
        for i in 0..<count {
            let type = rng.pick(NameBank.auditTypes)
            let (resourceId, resourceType, resourceName): (String, String, String)
            if type.hasPrefix("Source") || type.hasPrefix("Warehouse"),
                let source = snapshot.sources.isEmpty ? nil : rng.pick(snapshot.sources)
            {
                (resourceId, resourceType, resourceName) = (source.id, "source", source.name ?? source.slug)
            } else {
                let user = rng.pick(snapshot.users)
                (resourceId, resourceType, resourceName) = (user.id, "user", user.email)
            }
            snapshot.auditEvents.append(
                .init(
                    id: uniqueId(), timestamp: UTCTime.iso8601(start + i * 37 * 60), type: type, actor: actor.id,
                    actorEmail: actor.email, resourceId: resourceId, resourceType: resourceType, resourceName: resourceName))
        }
    }
}

extension WorkspaceBuilder {
    private func workspace(labels: [S.Label]? = nil) -> [S.PermissionResource] {
        [.init(id: snapshot.workspace.id, type: "WORKSPACE", labels: labels)]
    }

    private func permission(_ role: String, _ resources: [S.PermissionResource]) -> S.Permission {
        .init(roleId: roleIds[role] ?? "", roleName: role, resources: resources)
    }

    private func has(_ role: String) -> Bool { roleIds[role] != nil }

    private mutating func sourceResources(_ upTo: Int) -> [S.PermissionResource] {
        rng.distinctIndices(rng.int(in: 1...upTo), below: snapshot.sources.count).map { .init(id: snapshot.sources[$0].id, type: "SOURCE") }
    }

    /// Permissions for the n-th principal: the first eight walk every kind of grant (so even the
    /// demo preset shows each), later ones pick a kind at random. Unavailable kinds fall back to
    /// minimal access.
    mutating func archetypePermissions(_ n: Int) -> [S.Permission] {
        let kind = n < 8 ? n : rng.int(below: 8)
        let minimal = permission(SimulatedRoles.minimalAccess, workspace())
        var result: [S.Permission]
        switch kind {
        case 0 where has(SimulatedRoles.workspaceMember):
            result = [permission(SimulatedRoles.workspaceMember, workspace())]
        case 1 where !snapshot.sources.isEmpty:
            result = [minimal, permission("Source Read-only", sourceResources(3))]
        case 2:
            result = [permission("Source Admin", workspace())]
        case 3 where !snapshot.labels.isEmpty:
            let labels = rng.distinctIndices(rng.int(in: 1...2), below: snapshot.labels.count).map {
                S.Label(key: snapshot.labels[$0].key, value: snapshot.labels[$0].value)
            }
            result = [minimal, permission(rng.chance(50) ? "Source Admin" : "Source Read-only", workspace(labels: labels))]
        case 4 where !snapshot.warehouses.isEmpty:
            let ids = rng.distinctIndices(rng.int(in: 1...2), below: snapshot.warehouses.count)
            result = [
                minimal,
                permission(
                    rng.chance(50) ? "Warehouse Admin" : "Warehouse Read-only",
                    ids.map { .init(id: snapshot.warehouses[$0].id, type: "WAREHOUSE") }),
            ]
        case 5 where !snapshot.functions.isEmpty:
            let ids = rng.distinctIndices(rng.int(in: 1...2), below: snapshot.functions.count)
            let role = has("Function Read-only") && rng.chance(50) ? "Function Read-only" : "Function Admin"
            result = [minimal, permission(role, ids.map { .init(id: snapshot.functions[$0].id, type: "FUNCTION") })]
        case 6 where !snapshot.spaces.isEmpty:
            let role = rng.pick(["Unify Read-only", "Unify and Engage Admin", "Engage User", "Engage Read-only"])
            result = [minimal, permission(role, [.init(id: rng.pick(snapshot.spaces).id, type: "SPACE")])]
        case 7 where has("Privacy Admin"):
            result = [permission(rng.chance(50) ? "Privacy Admin" : "Tracking Plan Admin", workspace())]
        default:
            result = [minimal]
        }
        // Some principals hold a second resource role on one specific source.
        if kind != 2, !snapshot.sources.isEmpty, rng.chance(15) {
            result.append(permission("Source Admin", sourceResources(1)))
        }
        return result
    }
}
