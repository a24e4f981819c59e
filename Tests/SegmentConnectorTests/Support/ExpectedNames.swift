import SegmentConnector
import SegmentSimulator
import Testing

/// Display names per docs/data-model.md, computed from the snapshot: resources by `<type>:<id>`
/// and entitlements by id. Only ids present in the file are looked up.
struct ExpectedNames {
    var resources: [String: String] = [:]
    private var roleNames: [String: String] = [:]
    private var workspaceName = ""

    init(_ snapshot: WorkspaceSnapshot) {
        workspaceName = snapshot.workspace.name
        resources["workspace:\(snapshot.workspace.id)"] = snapshot.workspace.name
        for user in snapshot.users { resources["user:\(user.id)"] = user.name.isEmpty ? user.email : user.name }
        for invite in snapshot.invites { resources["invite:\(invite.email)"] = "\(invite.email) (pending invitation)" }
        for group in snapshot.groups { resources["group:\(group.id)"] = group.name }
        for role in snapshot.roles {
            resources["role:\(role.id)"] = role.name
            roleNames[role.id] = role.name
        }
        for source in snapshot.sources { resources["source:\(source.id)"] = source.name ?? source.slug }
        for warehouse in snapshot.warehouses {
            resources["warehouse:\(warehouse.id)"] = warehouse.settings.name ?? "\(warehouse.metadata.name) (\(warehouse.id))"
        }
        for function in snapshot.functions { resources["function:\(function.id)"] = function.displayName }
        for space in snapshot.spaces { resources["space:\(space.id)"] = space.name }
    }

    /// The display name an entitlement must have, from its resource and slug.
    func entitlement(resourceKey: String, resourceType: String, slug: String, roleNamesBySlug: [String: String]) -> String? {
        guard let resourceName = resources[resourceKey] else { return nil }
        switch resourceType {
        case "workspace": return "\(resourceName) Workspace member"
        case "group": return "\(resourceName) group member"
        case "role":
            if slug == "member" { return "\(resourceName) Role member" }
            let prefix = "member:labels:"
            guard slug.hasPrefix(prefix) else { return nil }
            let readable = slug.dropFirst(prefix.count).split(separator: ",").joined(separator: ", ")
            return "\(resourceName) Role member on resources labelled \(readable)"
        default:
            return roleNamesBySlug[slug].map { "\($0) on \(resourceName)" }
        }
    }
}

/// Every resource and entitlement in `file` has the display name the data model gives it.
func expectDataModelNames(_ file: SyncedFile, _ snapshot: WorkspaceSnapshot, sourceLocation: SourceLocation = #_sourceLocation) {
    let names = ExpectedNames(snapshot)
    let roleNamesBySlug = Dictionary(
        snapshot.roles.map { (ExpectedWorkspace.roleSlug($0.name), $0.name) }, uniquingKeysWith: { first, _ in first })
    var wrong: [String] = []
    for (key, resource) in file.resources where names.resources[key] != resource.displayName {
        wrong.append("resource \(key) is \"\(resource.displayName)\", want \"\(names.resources[key] ?? "?")\"")
    }
    for (id, entitlement) in file.entitlements {
        let want = names.entitlement(
            resourceKey: entitlement.resource.id.key, resourceType: entitlement.resource.id.resourceType,
            slug: entitlement.slug, roleNamesBySlug: roleNamesBySlug)
        if want != entitlement.displayName { wrong.append("entitlement \(id) is \"\(entitlement.displayName)\", want \"\(want ?? "?")\"") }
    }
    #expect(
        wrong.isEmpty, "\(wrong.count) display names differ from the data model, e.g. \(Array(wrong.sorted().prefix(4)))",
        sourceLocation: sourceLocation)
}
