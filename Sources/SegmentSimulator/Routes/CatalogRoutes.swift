/// Read-only routes: the workspace, roles, labels and the permission-bearing resources.
extension WorkspaceState {
    func getWorkspace() -> RouteResult {
        .ok(.data([("workspace", .object([
            ("id", .string(workspace.id)), ("slug", .string(workspace.slug)), ("name", .string(workspace.name)),
        ]))]))
    }

    func listRoles(_ r: RouteRequest) throws(APIError) -> RouteResult {
        .ok(try Pagination(query: r.query, total: roles.count).page(roles, key: "roles", render: WireFormat.role))
    }

    /// Not paginated, as in Segment's API.
    func listLabels() -> RouteResult {
        .ok(.data([("labels", .array(labels.map(WireFormat.label)))]))
    }

    func listSources(_ r: RouteRequest) throws(APIError) -> RouteResult {
        .ok(try Pagination(query: r.query, total: sources.count).page(sources, key: "sources", render: WireFormat.source))
    }

    func listWarehouses(_ r: RouteRequest) throws(APIError) -> RouteResult {
        .ok(try Pagination(query: r.query, total: warehouses.count).page(warehouses, key: "warehouses", render: WireFormat.warehouse))
    }

    func listSpaces(_ r: RouteRequest) throws(APIError) -> RouteResult {
        .ok(try Pagination(query: r.query, total: spaces.count).page(spaces, key: "spaces", render: WireFormat.space))
    }

    /// `resourceType` is required and must be one of the five function kinds.
    func listFunctions(_ r: RouteRequest) throws(APIError) -> RouteResult {
        guard let kind = r.query["resourceType"], !kind.isEmpty else {
            throw .validation("\"resourceType\" is required", field: "resourceType")
        }
        guard PermissionRules.functionKinds.contains(kind) else {
            throw .validation("\"resourceType\" must be one of \(PermissionRules.functionKinds.joined(separator: ", "))", field: "resourceType")
        }
        let items = functionsByKind[kind] ?? []
        return .ok(try Pagination(query: r.query, total: items.count).page(items, key: "functions", render: WireFormat.function))
    }
}
