/// Read-only routes: the workspace, roles, labels and the permission-bearing resources.
extension WorkspaceState {
    func getWorkspace() -> RouteResult {
        .ok(
            .data([
                (
                    "workspace",
                    .object([
                        ("id", .string(workspace.id)), ("slug", .string(workspace.slug)), ("name", .string(workspace.name)),
                    ])
                )
            ]))
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
            throw .validation(
                "\"resourceType\" must be one of \(PermissionRules.functionKinds.joined(separator: ", "))", field: "resourceType")
        }
        let items = functionsByKind[kind] ?? []
        return .ok(try Pagination(query: r.query, total: items.count).page(items, key: "functions", render: WireFormat.function))
    }
}

/// Get-by-id of the permission-bearing resources: `{"data": {"<kind>": ...}}`, 404 when unknown.
extension WorkspaceState {
    func getSource(_ r: RouteRequest) throws(APIError) -> RouteResult {
        guard let source = sources.first(where: { $0.id == r.id }) else { throw .notFound("Source \(r.id) not found") }
        return .ok(.data([("source", WireFormat.source(source)), ("trackingPlanId", .null)]))
    }

    func getWarehouse(_ r: RouteRequest) throws(APIError) -> RouteResult {
        guard let warehouse = warehouses.first(where: { $0.id == r.id }) else { throw .notFound("Warehouse \(r.id) not found") }
        return .ok(.data([("warehouse", WireFormat.warehouse(warehouse))]))
    }

    func getFunction(_ r: RouteRequest) throws(APIError) -> RouteResult {
        guard let function = functions.first(where: { $0.id == r.id }) else { throw .notFound("Function \(r.id) not found") }
        return .ok(.data([("function", WireFormat.function(function))]))
    }

    func getSpace(_ r: RouteRequest) throws(APIError) -> RouteResult {
        guard let space = spaces.first(where: { $0.id == r.id }) else { throw .notFound("Space \(r.id) not found") }
        return .ok(.data([("space", WireFormat.space(space))]))
    }
}
