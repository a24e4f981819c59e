/// How snapshot objects look on the wire (the shapes of Segment's Public API responses).
enum WireFormat {
    typealias S = WorkspaceSnapshot

    static func label(_ l: S.Label) -> JSON {
        var f: [(String, JSON)] = [("key", .string(l.key)), ("value", .string(l.value))]
        if let d = l.description { f.append(("description", .string(d))) }
        return .object(f)
    }

    static func permission(_ p: S.Permission) -> JSON {
        .object([
            ("roleId", .string(p.roleId)),
            ("roleName", .string(p.roleName ?? "")),
            (
                "resources",
                .array(
                    p.resources.map { r in
                        var f: [(String, JSON)] = [("id", .string(r.id)), ("type", .string(r.type))]
                        if let labels = r.labels, !labels.isEmpty { f.append(("labels", .array(labels.map(label)))) }
                        return .object(f)
                    })
            ),
        ])
    }

    static func permissions(_ ps: [S.Permission]) -> JSON { .array(ps.map(permission)) }

    static func user(_ u: S.User, withPermissions: Bool) -> JSON {
        var f: [(String, JSON)] = [("id", .string(u.id)), ("name", .string(u.name)), ("email", .string(u.email))]
        if withPermissions { f.append(("permissions", permissions(u.permissions))) }
        return .object(f)
    }

    /// UserGroupV1: memberCount counts accepted users and pending invitees.
    static func group(_ g: S.Group, withPermissions: Bool) -> JSON {
        var f: [(String, JSON)] = [
            ("id", .string(g.id)), ("name", .string(g.name)), ("memberCount", .int(g.members.count + g.inviteMembers.count)),
        ]
        if withPermissions { f.append(("permissions", permissions(g.permissions))) }
        return .object(f)
    }

    static func minimalGroup(_ g: S.Group) -> JSON { .object([("id", .string(g.id)), ("name", .string(g.name))]) }

    static func role(_ r: S.Role) -> JSON {
        .object([("id", .string(r.id)), ("name", .string(r.name)), ("description", .string(r.description))])
    }

    private static func metadata(_ m: S.CatalogMetadata, kind: String, source: Bool) -> JSON {
        var f: [(String, JSON)] = [
            ("id", .string(m.id)), ("name", .string(m.name)), ("slug", .string(m.slug)),
            ("description", .string("\(m.name) \(kind)")),
            ("logos", .object([("default", .string("https://cdn.example.com/logos/\(m.slug).svg"))])),
            ("options", .array([])),
        ]
        if source {
            f += [("categories", .strings(["Analytics"])), ("isCloudEventSource", .bool(false)), ("status", .string("PUBLIC"))]
        }
        return .object(f)
    }

    /// SourceV1; write keys are secrets and are always empty here.
    static func source(_ s: S.Source) -> JSON {
        var f: [(String, JSON)] = [("id", .string(s.id)), ("slug", .string(s.slug))]
        if let name = s.name { f.append(("name", .string(name))) }
        f += [
            ("enabled", .bool(s.enabled)), ("workspaceId", .string(s.workspaceId)), ("writeKeys", .array([])),
            ("labels", .array(s.labels.map(label))), ("metadata", metadata(s.metadata, kind: "source", source: true)),
        ]
        return .object(f)
    }

    static func warehouse(_ w: S.Warehouse) -> JSON {
        .object([
            ("id", .string(w.id)), ("workspaceId", .string(w.workspaceId)), ("enabled", .bool(w.enabled)),
            ("settings", .object(w.settings.name.map { [("name", .string($0))] } ?? [])),
            ("metadata", metadata(w.metadata, kind: "warehouse", source: false)),
        ])
    }

    static func function(_ fn: S.Function) -> JSON {
        var f: [(String, JSON)] = [
            ("id", .string(fn.id)), ("resourceType", .string(fn.resourceType)), ("displayName", .string(fn.displayName)),
        ]
        if let v = fn.description { f.append(("description", .string(v))) }
        if let v = fn.logoUrl { f.append(("logoUrl", .string(v))) }
        if let v = fn.catalogId { f.append(("catalogId", .string(v))) }
        if let v = fn.createdAt { f.append(("createdAt", .string(v))) }
        if let v = fn.createdBy { f.append(("createdBy", .string(v))) }
        return .object(f)
    }

    static func space(_ s: S.Space) -> JSON {
        .object([("id", .string(s.id)), ("slug", .string(s.slug)), ("name", .string(s.name))])
    }

    static func auditEvent(_ e: S.AuditEvent) -> JSON {
        var f: [(String, JSON)] = [
            ("id", .string(e.id)), ("timestamp", .string(e.timestamp)), ("type", .string(e.type)), ("actor", .string(e.actor)),
        ]
        if let v = e.actorEmail { f.append(("actorEmail", .string(v))) }
        f += [("resourceId", .string(e.resourceId)), ("resourceType", .string(e.resourceType)), ("resourceName", .string(e.resourceName))]
        return .object(f)
    }

    static let success: JSON = .data([("status", .string("SUCCESS"))])
}
