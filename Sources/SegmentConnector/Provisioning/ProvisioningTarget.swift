import BatonKit
import SegmentAPI

/// The role of a permission entitlement: an id (role entitlements carry it as their resource id)
/// or, on a source, warehouse, function or space, the role's slug, resolved against a fresh
/// `GET /roles` (never through a description string).
enum RoleReference: Equatable, Sendable, CustomStringConvertible {
    case id(String)
    case slug(String)

    var description: String {
        switch self {
        case .id(let id): id
        case .slug(let slug): "<id of the role with slug \(slug)>"
        }
    }
}

/// What an entitlement id means in Segment terms: decoded from the entitlement's resource and
/// its slug exactly as docs/data-model.md builds them, so every synced entitlement is accepted
/// and nothing else is.
enum ProvisioningTarget: Equatable, Sendable {
    /// `workspace:<id>:member`.
    case workspaceMembership(workspaceId: String)
    /// `group:<id>:member`.
    case groupMembership(groupId: String)
    /// A role on a resource: `role:<id>:member` (the WORKSPACE resource, no labels),
    /// `role:<id>:member:labels:k=v,...`, or `<kind>:<id>:<role slug>`. `resourceId` nil = the workspace.
    case permission(role: RoleReference, resourceType: PermissionResourceType, resourceId: String?, labels: [Label])

    /// Decodes `entitlement`; an id that the sync would not have written is an unknown entitlement.
    static func decode(_ entitlement: Entitlement) throws -> ProvisioningTarget {
        let resource = entitlement.resource.id
        let prefix = "\(resource.resourceType):\(resource.resource):"
        guard !resource.resource.isEmpty, entitlement.id.hasPrefix(prefix) else {
            throw SegmentConnectorError.unknownEntitlement("\(entitlement.id) (its id does not match its resource \(resource.key))")
        }
        let slug = String(entitlement.id.dropFirst(prefix.count))
        func unknown(_ why: String) -> SegmentConnectorError { .unknownEntitlement("\(entitlement.id) (\(why))") }
        switch resource.resourceType {
        case SegmentResourceTypes.workspace.id:
            guard slug == EntitlementCatalog.memberSlug else { throw unknown("a workspace only has \"member\"") }
            return .workspaceMembership(workspaceId: resource.resource)
        case SegmentResourceTypes.group.id:
            guard slug == EntitlementCatalog.memberSlug else { throw unknown("a group only has \"member\"") }
            return .groupMembership(groupId: resource.resource)
        case SegmentResourceTypes.role.id:
            if slug == EntitlementCatalog.memberSlug {
                return .permission(role: .id(resource.resource), resourceType: .workspace, resourceId: nil, labels: [])
            }
            guard slug.hasPrefix(EntitlementCatalog.labelScopePrefix) else {
                throw unknown("a role has \"member\" and \"member:labels:<key>=<value>,...\"")
            }
            let labels = parseLabels(String(slug.dropFirst(EntitlementCatalog.labelScopePrefix.count)))
            guard let labels else { throw unknown("malformed label scope; expected key=value pairs separated by commas") }
            return .permission(role: .id(resource.resource), resourceType: .workspace, resourceId: nil, labels: labels)
        default:
            guard let kind = ScopedResourceKind(rawValue: resource.resourceType) else {
                throw unknown("resource type \"\(resource.resourceType)\" has no grantable entitlements")
            }
            guard !slug.isEmpty, !slug.contains(":") else { throw unknown("malformed role slug") }
            return .permission(
                role: .slug(slug), resourceType: PermissionResourceType(kind.segmentType),
                resourceId: resource.resource, labels: [])
        }
    }

    /// `k=v,k=v` (the sorted label set of the slug); nil when malformed or repeated.
    static func parseLabels(_ text: String) -> [Label]? {
        var labels: [Label] = []
        for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            let key = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            guard !key.isEmpty, !value.isEmpty else { return nil }
            labels.append(Label(key: key, value: value))
        }
        guard !labels.isEmpty, Set(labels.map(\.identity)).count == labels.count else { return nil }
        return labels.canonicallySorted
    }

    /// The principal types this entitlement can be granted to. Group membership also takes
    /// pending invitees (Segment adds them by e-mail, and the sync lists them as members).
    var principalTypes: [String] {
        switch self {
        case .workspaceMembership: [SegmentResourceTypes.user.id]
        case .groupMembership: [SegmentResourceTypes.user.id, SegmentResourceTypes.invite.id]
        case .permission: [SegmentResourceTypes.user.id, SegmentResourceTypes.group.id]
        }
    }

    /// Refuses a principal of a type this entitlement cannot be granted to (a group into a group).
    func check(_ principal: ProvisioningPrincipal, entitlementId: String) throws {
        guard principalTypes.contains(principal.typeId) else {
            throw SegmentConnectorError.invalidPrincipal(
                "\(entitlementId) cannot be granted to \(principal): it is granted only to principals of type \(principalTypes.joined(separator: " or "))"
            )
        }
    }
}
