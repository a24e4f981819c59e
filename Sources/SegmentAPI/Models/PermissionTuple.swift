/// One grant: a role on one resource with a label scope — the identity a connector grants and revokes.
///
/// Equality and hashing use `roleId`, `resourceType`, `resourceId` and the labels' `key:value`
/// identities (label descriptions ride along for write-back but do not distinguish tuples).
public struct PermissionTuple: Sendable, Hashable, CustomStringConvertible {
    /// Id of the role granted.
    public var roleId: String
    /// Kind of the resource the role is granted on.
    public var resourceType: PermissionResourceType
    /// Id of the resource the role is granted on.
    public var resourceId: String
    /// Sorted by key, then value.
    public var labels: [Label]
    /// Unknown resource fields carried back on write.
    public var additionalFields: [String: JSONValue]

    /// A grant of `roleId` on one resource; `labels` are stored in canonical order.
    public init(
        roleId: String, resourceType: PermissionResourceType, resourceId: String, labels: [Label] = [],
        additionalFields: [String: JSONValue] = [:]
    ) {
        self.roleId = roleId
        self.resourceType = resourceType
        self.resourceId = resourceId
        self.labels = labels.canonicallySorted
        self.additionalFields = additionalFields
    }

    /// Same role, resource and label identities; descriptions and `additionalFields` are ignored.
    public static func == (lhs: PermissionTuple, rhs: PermissionTuple) -> Bool {
        lhs.roleId == rhs.roleId && lhs.resourceType == rhs.resourceType && lhs.resourceId == rhs.resourceId
            && lhs.labels.map(\.identity) == rhs.labels.map(\.identity)
    }

    /// Hashes exactly what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(roleId)
        hasher.combine(resourceType)
        hasher.combine(resourceId)
        hasher.combine(labels.map(\.identity))
    }

    /// `roleId/TYPE/resourceId[key:value,...]`, stable and readable.
    public var description: String {
        let scope = labels.isEmpty ? "" : "[" + labels.map(\.identity).joined(separator: ",") + "]"
        return "\(roleId)/\(resourceType.rawValue)/\(resourceId)\(scope)"
    }

    /// The resource this tuple writes.
    public var resource: PermissionResource {
        PermissionResource(
            id: resourceId, type: resourceType, labels: labels.isEmpty ? nil : labels,
            additionalFields: additionalFields)
    }

    /// Explodes permissions into one tuple per (role, resource), in order, without duplicates.
    ///
    /// A WORKSPACE resource without labels of its own inherits the permission-level labels.
    public static func tuples(from permissions: [Permission]) -> [PermissionTuple] {
        var seen = Set<PermissionTuple>()
        var result: [PermissionTuple] = []
        for permission in permissions {
            for resource in permission.resources {
                var labels = resource.labels ?? []
                if resource.labels == nil, resource.type == .workspace { labels = permission.labels ?? [] }
                let tuple = PermissionTuple(
                    roleId: permission.roleId, resourceType: resource.type,
                    resourceId: resource.id, labels: labels,
                    additionalFields: resource.additionalFields)
                if seen.insert(tuple).inserted { result.append(tuple) }
            }
        }
        return result
    }

    /// Regroups tuples into the fewest `PermissionInput`s: one per role, roles and resources in
    /// first-seen order, duplicates dropped.
    public static func inputs(from tuples: [PermissionTuple]) -> [PermissionInput] {
        var order: [String] = []
        var byRole: [String: [PermissionResource]] = [:]
        var seen = Set<PermissionTuple>()
        for tuple in tuples where seen.insert(tuple).inserted {
            if byRole[tuple.roleId] == nil { order.append(tuple.roleId) }
            byRole[tuple.roleId, default: []].append(tuple.resource)
        }
        return order.map { PermissionInput(roleId: $0, resources: byRole[$0] ?? []) }
    }
}
