import SegmentAPI

/// Roles by id, in Segment's order.
struct RoleDirectory: Sendable {
    let all: [Role]
    private let byId: [String: Role]

    init(_ roles: [Role]) {
        all = roles
        byId = Dictionary(roles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every role, paged from Segment now.
    static func read(from client: SegmentClient) async throws -> RoleDirectory {
        RoleDirectory(try await client.allRoles().collect())
    }

    subscript(id: String) -> Role? { byId[id] }

    /// The role's name, or its id when Segment gives none.
    func name(of role: Role) -> String { role.name ?? role.id }

    /// The entitlement slug of a role on a scoped resource (`source_admin`).
    func slug(of role: Role) -> String { RoleScopes.slug(forRoleNamed: name(of: role), roleId: role.id) }

    /// The role whose slug is `slug` (for provisioning from an entitlement id).
    func role(withSlug slug: String) -> Role? { all.first { self.slug(of: $0) == slug } }
}
