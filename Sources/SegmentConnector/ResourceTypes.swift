import BatonKit

/// The Baton resource types this connector syncs; ids are those of ConductorOne's Go connector
/// (plus `invite`, which it lacks), so existing installations keep their history.
package enum SegmentResourceTypes {
    package static let workspace = ResourceType.make(
        id: "workspace", displayName: "Workspace",
        description: "The Segment workspace the token belongs to: the root of the tree")
    package static let user = ResourceType.make(
        id: "user", displayName: "User", traits: [.user], description: "A member of the workspace")
    package static let invite = ResourceType.make(
        id: "invite", displayName: "Invite",
        description: "A pending invitation to the workspace, keyed by e-mail")
    package static let group = ResourceType.make(
        id: "group", displayName: "Group", traits: [.group], description: "A Segment user group")
    package static let role = ResourceType.make(
        id: "role", displayName: "Role", traits: [.role], description: "A built-in Segment role")
    package static let source = ResourceType.make(id: "source", displayName: "Source")
    package static let warehouse = ResourceType.make(id: "warehouse", displayName: "Warehouse")
    package static let function = ResourceType.make(id: "function", displayName: "Function")
    package static let space = ResourceType.make(id: "space", displayName: "Space")

    /// Every type but the workspace: the children the workspace resource names.
    package static let workspaceChildren: [ResourceType] = [user, invite, group, role, source, warehouse, function, space]

    /// The Baton type of a scoped Segment resource kind.
    package static func type(of kind: ScopedResourceKind) -> ResourceType {
        switch kind {
        case .source: source
        case .warehouse: warehouse
        case .function: function
        case .space: space
        }
    }

    /// Who role and resource entitlements can be granted to.
    static let userAndGroup = [user, group]
}
