/// The whole state of a simulated Segment workspace: exactly the JSON of `GET /__simulator/snapshot`,
/// the format of `segment-simulator --state FILE`, and what `WorkspaceGenerator` produces.
///
/// A plain value tree so other modules' tests can compute expected results from it. All nested
/// types live inside this namespace so they never clash with the client's model names.
/// Decoding is lenient: every array key may be omitted (it then means "none").
package struct WorkspaceSnapshot: Codable, Sendable, Equatable {
    /// The workspace the token belongs to (`GET /`).
    package var workspace: Workspace
    /// Accepted workspace members, in the stable order `GET /users` pages through.
    package var users: [User]
    /// Pending invitations (not users); `GET /invites` lists their e-mails.
    package var invites: [Invite]
    /// User groups with their members (user ids), pending members (e-mails) and permissions.
    package var groups: [Group]
    /// The role catalogue (`GET /roles`).
    package var roles: [Role]
    /// The label catalogue (`GET /labels`); label-scoped permissions must use these.
    package var labels: [Label]
    package var sources: [Source]
    package var warehouses: [Warehouse]
    package var functions: [Function]
    package var spaces: [Space]
    /// Audit trail in chronological order (`GET /audit-events` serves it newest first).
    package var auditEvents: [AuditEvent]

    package init(
        workspace: Workspace, users: [User] = [], invites: [Invite] = [], groups: [Group] = [],
        roles: [Role] = [], labels: [Label] = [], sources: [Source] = [], warehouses: [Warehouse] = [],
        functions: [Function] = [], spaces: [Space] = [], auditEvents: [AuditEvent] = []
    ) {
        self.workspace = workspace
        self.users = users
        self.invites = invites
        self.groups = groups
        self.roles = roles
        self.labels = labels
        self.sources = sources
        self.warehouses = warehouses
        self.functions = functions
        self.spaces = spaces
        self.auditEvents = auditEvents
    }

    private enum CodingKeys: String, CodingKey {
        case workspace, users, invites, groups, roles, labels, sources, warehouses, functions, spaces, auditEvents
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        workspace = try c.decode(Workspace.self, forKey: .workspace)
        users = try c.decodeIfPresent([User].self, forKey: .users) ?? []
        invites = try c.decodeIfPresent([Invite].self, forKey: .invites) ?? []
        groups = try c.decodeIfPresent([Group].self, forKey: .groups) ?? []
        roles = try c.decodeIfPresent([Role].self, forKey: .roles) ?? []
        labels = try c.decodeIfPresent([Label].self, forKey: .labels) ?? []
        sources = try c.decodeIfPresent([Source].self, forKey: .sources) ?? []
        warehouses = try c.decodeIfPresent([Warehouse].self, forKey: .warehouses) ?? []
        functions = try c.decodeIfPresent([Function].self, forKey: .functions) ?? []
        spaces = try c.decodeIfPresent([Space].self, forKey: .spaces) ?? []
        auditEvents = try c.decodeIfPresent([AuditEvent].self, forKey: .auditEvents) ?? []
    }
}

extension WorkspaceSnapshot {
    /// `{id, slug, name}` as returned by `GET /`.
    package struct Workspace: Codable, Sendable, Equatable {
        package var id: String
        package var slug: String
        package var name: String
        package init(id: String, slug: String, name: String) {
            self.id = id
            self.slug = slug
            self.name = name
        }
    }

    /// A workspace member with their direct (not group-inherited) permissions.
    package struct User: Codable, Sendable, Equatable {
        package var id: String
        package var name: String
        package var email: String
        package var permissions: [Permission]
        package init(id: String, name: String, email: String, permissions: [Permission] = []) {
            self.id = id
            self.name = name
            self.email = email
            self.permissions = permissions
        }
    }

    /// A pending invitation. Permissions given at creation use the user permission shape
    /// (labels sit on the WORKSPACE resource).
    package struct Invite: Codable, Sendable, Equatable {
        package var email: String
        package var permissions: [Permission]
        package init(email: String, permissions: [Permission] = []) {
            self.email = email
            self.permissions = permissions
        }
    }

    /// A user group. `members` are user ids, `inviteMembers` pending invite e-mails.
    /// The API's `memberCount` is `members.count + inviteMembers.count`.
    package struct Group: Codable, Sendable, Equatable {
        package var id: String
        package var name: String
        package var members: [String]
        package var inviteMembers: [String]
        package var permissions: [Permission]
        package init(id: String, name: String, members: [String] = [], inviteMembers: [String] = [], permissions: [Permission] = []) {
            self.id = id
            self.name = name
            self.members = members
            self.inviteMembers = inviteMembers
            self.permissions = permissions
        }
    }

    /// A policy: one role on one or more resources. `roleName` is filled on reads.
    package struct Permission: Codable, Sendable, Hashable {
        package var roleId: String
        package var roleName: String?
        package var resources: [PermissionResource]
        package init(roleId: String, roleName: String? = nil, resources: [PermissionResource]) {
            self.roleId = roleId
            self.roleName = roleName
            self.resources = resources
        }
    }

    /// `{id, type, labels?}`; `type` is WORKSPACE, SOURCE, WAREHOUSE, FUNCTION or SPACE, and only
    /// WORKSPACE resources may carry labels.
    package struct PermissionResource: Codable, Sendable, Hashable {
        package var id: String
        package var type: String
        package var labels: [Label]?
        package init(id: String, type: String, labels: [Label]? = nil) {
            self.id = id
            self.type = type
            self.labels = labels
        }
    }

    package struct Role: Codable, Sendable, Equatable {
        package var id: String
        package var name: String
        package var description: String
        package init(id: String, name: String, description: String) {
            self.id = id
            self.name = name
            self.description = description
        }
    }

    /// `{key, value, description?}`, used both in the catalogue and inside permissions.
    package struct Label: Codable, Sendable, Hashable {
        package var key: String
        package var value: String
        package var description: String?
        package init(key: String, value: String, description: String? = nil) {
            self.key = key
            self.value = value
            self.description = description
        }
    }

    /// Catalogue metadata shared by sources and warehouses (`metadata{id,name,slug}`).
    package struct CatalogMetadata: Codable, Sendable, Equatable {
        package var id: String
        package var name: String
        package var slug: String
        package init(id: String, name: String, slug: String) {
            self.id = id
            self.name = name
            self.slug = slug
        }
    }

    /// A SourceV1-like source (secrets such as write keys are never simulated).
    package struct Source: Codable, Sendable, Equatable {
        package var id: String
        package var slug: String
        package var name: String?
        package var enabled: Bool
        package var workspaceId: String
        package var labels: [Label]
        package var metadata: CatalogMetadata
        package init(
            id: String, slug: String, name: String?, enabled: Bool, workspaceId: String, labels: [Label], metadata: CatalogMetadata
        ) {
            self.id = id
            self.slug = slug
            self.name = name
            self.enabled = enabled
            self.workspaceId = workspaceId
            self.labels = labels
            self.metadata = metadata
        }
    }

    package struct WarehouseSettings: Codable, Sendable, Equatable {
        package var name: String?
        package init(name: String?) { self.name = name }
    }

    /// A WarehouseV1-like warehouse: no top-level name, `settings.name` holds the display name.
    package struct Warehouse: Codable, Sendable, Equatable {
        package var id: String
        package var workspaceId: String
        package var enabled: Bool
        package var settings: WarehouseSettings
        package var metadata: CatalogMetadata
        package init(id: String, workspaceId: String, enabled: Bool, settings: WarehouseSettings, metadata: CatalogMetadata) {
            self.id = id
            self.workspaceId = workspaceId
            self.enabled = enabled
            self.settings = settings
            self.metadata = metadata
        }
    }

    /// A ListFunctionItemV1-like function; `resourceType` is one of the five function kinds.
    package struct Function: Codable, Sendable, Equatable {
        package var id: String
        package var resourceType: String
        package var displayName: String
        package var description: String?
        package var logoUrl: String?
        package var catalogId: String?
        package var createdAt: String?
        package var createdBy: String?
        package init(
            id: String, resourceType: String, displayName: String, description: String? = nil, logoUrl: String? = nil,
            catalogId: String? = nil, createdAt: String? = nil, createdBy: String? = nil
        ) {
            self.id = id
            self.resourceType = resourceType
            self.displayName = displayName
            self.description = description
            self.logoUrl = logoUrl
            self.catalogId = catalogId
            self.createdAt = createdAt
            self.createdBy = createdBy
        }
    }

    package struct Space: Codable, Sendable, Equatable {
        package var id: String
        package var slug: String
        package var name: String
        package init(id: String, slug: String, name: String) {
            self.id = id
            self.slug = slug
            self.name = name
        }
    }

    /// An AuditEventV1 (all strings; timestamp ISO-8601 UTC).
    package struct AuditEvent: Codable, Sendable, Equatable {
        package var id: String
        package var timestamp: String
        package var type: String
        package var actor: String
        package var actorEmail: String?
        package var resourceId: String
        package var resourceType: String
        package var resourceName: String
        package init(
            id: String, timestamp: String, type: String, actor: String, actorEmail: String? = nil,
            resourceId: String, resourceType: String, resourceName: String
        ) {
            self.id = id
            self.timestamp = timestamp
            self.type = type
            self.actor = actor
            self.actorEmail = actorEmail
            self.resourceId = resourceId
            self.resourceType = resourceType
            self.resourceName = resourceName
        }
    }
}
