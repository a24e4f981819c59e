/// The whole state of a simulated Segment workspace: exactly the JSON of `GET /__simulator/snapshot`,
/// the format of `segment-simulator --state FILE`, and what `WorkspaceGenerator` produces.
///
/// A plain value tree so other modules' tests can compute expected results from it. All nested
/// types live inside this namespace so they never clash with the client's model names.
/// Decoding is lenient: every array key may be omitted (it then means "none").
public struct WorkspaceSnapshot: Codable, Sendable, Equatable {
    /// The workspace the token belongs to (`GET /`).
    public var workspace: Workspace
    /// Accepted workspace members, in the stable order `GET /users` pages through.
    public var users: [User]
    /// Pending invitations (not users); `GET /invites` lists their e-mails.
    public var invites: [Invite]
    /// User groups with their members (user ids), pending members (e-mails) and permissions.
    public var groups: [Group]
    /// The role catalogue (`GET /roles`).
    public var roles: [Role]
    /// The label catalogue (`GET /labels`); label-scoped permissions must use these.
    public var labels: [Label]
    public var sources: [Source]
    public var warehouses: [Warehouse]
    public var functions: [Function]
    public var spaces: [Space]
    /// Audit trail in chronological order (`GET /audit-events` serves it newest first).
    public var auditEvents: [AuditEvent]

    public init(
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

    public init(from decoder: any Decoder) throws {
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
    public struct Workspace: Codable, Sendable, Equatable {
        public var id: String
        public var slug: String
        public var name: String
        public init(id: String, slug: String, name: String) {
            self.id = id
            self.slug = slug
            self.name = name
        }
    }

    /// A workspace member with their direct (not group-inherited) permissions.
    public struct User: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var email: String
        public var permissions: [Permission]
        public init(id: String, name: String, email: String, permissions: [Permission] = []) {
            self.id = id
            self.name = name
            self.email = email
            self.permissions = permissions
        }
    }

    /// A pending invitation. Permissions given at creation use the user permission shape
    /// (labels sit on the WORKSPACE resource).
    public struct Invite: Codable, Sendable, Equatable {
        public var email: String
        public var permissions: [Permission]
        public init(email: String, permissions: [Permission] = []) {
            self.email = email
            self.permissions = permissions
        }
    }

    /// A user group. `members` are user ids, `inviteMembers` pending invite e-mails.
    /// The API's `memberCount` is `members.count + inviteMembers.count`.
    public struct Group: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var members: [String]
        public var inviteMembers: [String]
        public var permissions: [Permission]
        public init(id: String, name: String, members: [String] = [], inviteMembers: [String] = [], permissions: [Permission] = []) {
            self.id = id
            self.name = name
            self.members = members
            self.inviteMembers = inviteMembers
            self.permissions = permissions
        }
    }

    /// A policy: one role on one or more resources. `roleName` is filled on reads.
    public struct Permission: Codable, Sendable, Hashable {
        public var roleId: String
        public var roleName: String?
        public var resources: [PermissionResource]
        public init(roleId: String, roleName: String? = nil, resources: [PermissionResource]) {
            self.roleId = roleId
            self.roleName = roleName
            self.resources = resources
        }
    }

    /// `{id, type, labels?}`; `type` is WORKSPACE, SOURCE, WAREHOUSE, FUNCTION or SPACE, and only
    /// WORKSPACE resources may carry labels.
    public struct PermissionResource: Codable, Sendable, Hashable {
        public var id: String
        public var type: String
        public var labels: [Label]?
        public init(id: String, type: String, labels: [Label]? = nil) {
            self.id = id
            self.type = type
            self.labels = labels
        }
    }

    public struct Role: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var description: String
        public init(id: String, name: String, description: String) {
            self.id = id
            self.name = name
            self.description = description
        }
    }

    /// `{key, value, description?}`, used both in the catalogue and inside permissions.
    public struct Label: Codable, Sendable, Hashable {
        public var key: String
        public var value: String
        public var description: String?
        public init(key: String, value: String, description: String? = nil) {
            self.key = key
            self.value = value
            self.description = description
        }
    }

    /// Catalogue metadata shared by sources and warehouses (`metadata{id,name,slug}`).
    public struct CatalogMetadata: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var slug: String
        public init(id: String, name: String, slug: String) {
            self.id = id
            self.name = name
            self.slug = slug
        }
    }

    /// A SourceV1-like source (secrets such as write keys are never simulated).
    public struct Source: Codable, Sendable, Equatable {
        public var id: String
        public var slug: String
        public var name: String?
        public var enabled: Bool
        public var workspaceId: String
        public var labels: [Label]
        public var metadata: CatalogMetadata
        public init(id: String, slug: String, name: String?, enabled: Bool, workspaceId: String, labels: [Label], metadata: CatalogMetadata) {
            self.id = id
            self.slug = slug
            self.name = name
            self.enabled = enabled
            self.workspaceId = workspaceId
            self.labels = labels
            self.metadata = metadata
        }
    }

    public struct WarehouseSettings: Codable, Sendable, Equatable {
        public var name: String?
        public init(name: String?) { self.name = name }
    }

    /// A WarehouseV1-like warehouse: no top-level name, `settings.name` holds the display name.
    public struct Warehouse: Codable, Sendable, Equatable {
        public var id: String
        public var workspaceId: String
        public var enabled: Bool
        public var settings: WarehouseSettings
        public var metadata: CatalogMetadata
        public init(id: String, workspaceId: String, enabled: Bool, settings: WarehouseSettings, metadata: CatalogMetadata) {
            self.id = id
            self.workspaceId = workspaceId
            self.enabled = enabled
            self.settings = settings
            self.metadata = metadata
        }
    }

    /// A ListFunctionItemV1-like function; `resourceType` is one of the five function kinds.
    public struct Function: Codable, Sendable, Equatable {
        public var id: String
        public var resourceType: String
        public var displayName: String
        public var description: String?
        public var logoUrl: String?
        public var catalogId: String?
        public var createdAt: String?
        public var createdBy: String?
        public init(
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

    public struct Space: Codable, Sendable, Equatable {
        public var id: String
        public var slug: String
        public var name: String
        public init(id: String, slug: String, name: String) {
            self.id = id
            self.slug = slug
            self.name = name
        }
    }

    /// An AuditEventV1 (all strings; timestamp ISO-8601 UTC).
    public struct AuditEvent: Codable, Sendable, Equatable {
        public var id: String
        public var timestamp: String
        public var type: String
        public var actor: String
        public var actorEmail: String?
        public var resourceId: String
        public var resourceType: String
        public var resourceName: String
        public init(
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
