import BatonKit
import SegmentAPI

/// How every Segment permission maps to a Baton entitlement: the ids, slugs and names of
/// docs/data-model.md, in one place for sync and provisioning alike.
enum EntitlementCatalog {
    static let memberSlug = "member"
    static let labelScopePrefix = "member:labels:"

    /// `workspace:<id>:member`, held by every user.
    static func workspaceMember(_ workspace: Resource) -> Entitlement {
        Entitlement.assignment(
            resource: workspace, slug: memberSlug,
            displayName: "\(workspace.displayName) Workspace member",
            description: "Member of the \(workspace.displayName) Segment workspace",
            grantableTo: [SegmentResourceTypes.user])
    }

    /// `group:<id>:member`.
    static func groupMember(_ group: Resource) -> Entitlement {
        Entitlement.assignment(
            resource: group, slug: memberSlug,
            displayName: "\(group.displayName) group member",
            description: "Member of the \(group.displayName) Segment group",
            grantableTo: [SegmentResourceTypes.user, SegmentResourceTypes.invite])
    }

    /// `role:<id>:member`: the role held across the whole workspace.
    static func roleMember(_ role: Resource) -> Entitlement {
        Entitlement.assignment(
            resource: role, slug: memberSlug,
            displayName: "\(role.displayName) Role member",
            description: "Holds the \(role.displayName) role across the whole workspace",
            grantableTo: SegmentResourceTypes.userAndGroup)
    }

    /// `role:<id>:member:labels:<k>=<v>,...`: the role held only on resources carrying these labels.
    static func labelScopedRoleMember(_ role: Resource, labels: LabelSet) -> Entitlement {
        Entitlement.assignment(
            resource: role, slug: labelScopePrefix + labels.slug,
            displayName: "\(role.displayName) Role member on resources labelled \(labels.readable)",
            description: "Holds the \(role.displayName) role only on resources labelled \(labels.readable)",
            grantableTo: SegmentResourceTypes.userAndGroup)
    }

    /// `<kind>:<id>:<role_snake>`: a role on one source, warehouse, function or space.
    static func scopedRole(_ resource: Resource, role: Role, roles: RoleDirectory) -> Entitlement {
        let name = roles.name(of: role)
        return Entitlement.permission(
            resource: resource, slug: roles.slug(of: role),
            displayName: "\(name) on \(resource.displayName)",
            description: role.description.map { "\(name): \($0)" } ?? name,
            grantableTo: SegmentResourceTypes.userAndGroup)
    }

    /// The entitlement a permission tuple is a grant of, as an id-and-resource stub (enough for a
    /// grant row), or nil when it points at something this sync does not have (a deleted role or
    /// resource): such a grant would dangle.
    static func entitlement(for tuple: PermissionTuple, roles: RoleDirectory, index: PermissionIndex) async -> Entitlement? {
        guard let role = roles[tuple.roleId] else { return nil }
        if tuple.resourceType == .workspace {
            let roleResource = Resource.make(id: ResourceId(SegmentResourceTypes.role.id, role.id), displayName: roles.name(of: role))
            return tuple.labels.isEmpty
                ? roleMember(roleResource)
                : labelScopedRoleMember(roleResource, labels: LabelSet(tuple.labels))
        }
        guard let kind = ScopedResourceKind(segmentType: tuple.resourceType.rawValue),
            await index.resourceExists(segmentType: tuple.resourceType.rawValue, id: tuple.resourceId)
        else { return nil }
        let resource = Resource.make(
            id: ResourceId(SegmentResourceTypes.type(of: kind).id, tuple.resourceId), displayName: tuple.resourceId)
        return scopedRole(resource, role: role, roles: roles)
    }
}
