/// Roles, labels and the permission-bearing resources (sources, warehouses, functions, spaces).
extension SegmentClient {
    /// `GET /roles` — one page of roles.
    public func listRoles(cursor: String?) async throws -> Page<Role> {
        try await page("listRoles", "/roles", key: "roles", cursor: cursor)
    }

    /// Every role.
    public func allRoles() -> PagedSequence<Role> {
        sequence("listRoles") { try await self.listRoles(cursor: $0) }
    }

    /// `GET /labels` — every label (not paginated).
    public func listLabels() async throws -> [Label] {
        try await object(.get("listLabels", "/labels"), key: "labels")
    }

    /// `GET /sources` — one page of sources.
    public func listSources(cursor: String?) async throws -> Page<Source> {
        try await page("listSources", "/sources", key: "sources", cursor: cursor)
    }

    /// Every source.
    public func allSources() -> PagedSequence<Source> {
        sequence("listSources") { try await self.listSources(cursor: $0) }
    }

    /// `GET /warehouses` — one page of warehouses.
    public func listWarehouses(cursor: String?) async throws -> Page<Warehouse> {
        try await page("listWarehouses", "/warehouses", key: "warehouses", cursor: cursor)
    }

    /// Every warehouse.
    public func allWarehouses() -> PagedSequence<Warehouse> {
        sequence("listWarehouses") { try await self.listWarehouses(cursor: $0) }
    }

    /// `GET /spaces` — one page of Engage/Unify spaces (alpha endpoint; `Accept: application/json`).
    public func listSpaces(cursor: String?) async throws -> Page<Space> {
        try await page("listSpaces", "/spaces", key: "spaces", cursor: cursor)
    }

    /// Every space.
    public func allSpaces() -> PagedSequence<Space> {
        sequence("listSpaces") { try await self.listSpaces(cursor: $0) }
    }

    /// `GET /functions?resourceType=…` — one page of functions of one kind.
    public func listFunctions(resourceType: FunctionResourceType, cursor: String?) async throws -> Page<SegmentFunction> {
        try await page(
            "listFunctions", "/functions", key: "functions", cursor: cursor,
            extraQuery: [("resourceType", resourceType.rawValue)])
    }

    /// Every function of one kind.
    public func allFunctions(resourceType: FunctionResourceType) -> PagedSequence<SegmentFunction> {
        sequence("listFunctions") { try await self.listFunctions(resourceType: resourceType, cursor: $0) }
    }
}
