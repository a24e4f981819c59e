/// A policy as Segment returns it (`PermissionV1` / `AccessPermissionV1`): one role on resources.
public struct Permission: Codable, Sendable, Equatable, Hashable {
    /// Id of the role granted.
    public var roleId: String
    /// Returned on reads, ignored on writes.
    public var roleName: String?
    /// The resources the role applies to; empty when Segment sent none.
    public var resources: [PermissionResource]
    /// Permission-level labels (present on some reads); written back inside the WORKSPACE resource.
    public var labels: [Label]?

    /// A permission as a read would return it.
    public init(roleId: String, roleName: String? = nil, resources: [PermissionResource], labels: [Label]? = nil) {
        self.roleId = roleId
        self.roleName = roleName
        self.resources = resources
        self.labels = labels
    }

    /// Decodes a read permission; a missing `resources` array becomes an empty list rather than an error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        roleId = try container.decode(String.self, forKey: .roleId)
        roleName = try container.decodeIfPresent(String.self, forKey: .roleName)
        resources = try container.decodeIfPresent([PermissionResource].self, forKey: .resources) ?? []
        labels = try container.decodeIfPresent([Label].self, forKey: .labels)
    }

    private enum CodingKeys: String, CodingKey { case roleId, roleName, resources, labels }
}

/// A policy to write (`PermissionInputV1`): role plus resources; labels sit on WORKSPACE resources.
public struct PermissionInput: Codable, Sendable, Equatable, Hashable {
    /// Id of the role to grant.
    public var roleId: String
    /// The resources the role applies to; label scopes travel inside WORKSPACE resources.
    public var resources: [PermissionResource]

    /// A permission to write, exactly as given.
    public init(roleId: String, resources: [PermissionResource]) {
        self.roleId = roleId
        self.resources = resources
    }

    /// The write form of a read permission, keeping every resource field (labels included).
    ///
    /// Permission-level labels are moved onto a WORKSPACE resource that carries none, which is where
    /// Segment expects them on input.
    public init(_ permission: Permission) {
        roleId = permission.roleId
        resources = permission.resources.map { resource in
            var resource = resource
            if resource.labels == nil, resource.type == .workspace, let labels = permission.labels, !labels.isEmpty {
                resource.labels = labels
            }
            return resource
        }
    }
}

extension Array where Element == Permission {
    /// The write form of a permission list, unchanged apart from dropping read-only fields.
    public var asInputs: [PermissionInput] { map(PermissionInput.init) }
}
