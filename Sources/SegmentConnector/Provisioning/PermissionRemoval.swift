import SegmentAPI

/// Removing exactly one (role, resource type, resource id, labels) tuple from a principal's
/// permissions while leaving everything else as Segment returned it.
///
/// The Go connector dropped every permission with the same role (and all labels) when it
/// rewrote a principal; here each resource of each permission is compared as the tuple it
/// stands for, only matching resources go, and the rest keep their permission, their order,
/// their labels (descriptions included) and any fields we do not model.
enum PermissionRemoval {
    /// `permissions` without `tuple`, in write form; nil when `tuple` is not held.
    static func removing(_ tuple: PermissionTuple, from permissions: [Permission]) -> [PermissionInput]? {
        var removed = false
        var kept: [Permission] = []
        for permission in permissions {
            var remaining = permission
            remaining.resources = permission.resources.filter { resource in
                let matches = Self.tuple(of: resource, in: permission) == tuple
                if matches { removed = true }
                return !matches
            }
            if !remaining.resources.isEmpty { kept.append(remaining) }
        }
        return removed ? kept.asInputs : nil
    }

    /// The tuple one resource of `permission` stands for (permission-level labels apply to a
    /// WORKSPACE resource that carries none, exactly as `PermissionTuple.tuples(from:)` reads them).
    static func tuple(of resource: PermissionResource, in permission: Permission) -> PermissionTuple? {
        let single = Permission(
            roleId: permission.roleId, roleName: permission.roleName, resources: [resource],
            labels: permission.labels)
        return PermissionTuple.tuples(from: [single]).first
    }
}
