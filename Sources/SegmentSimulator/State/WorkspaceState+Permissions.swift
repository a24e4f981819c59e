/// Permission validation like the real API (unknown role, bad resource type, unknown resource,
/// labels off the WORKSPACE resource, plan gating of labels) and the last-owner rule.
extension WorkspaceState {
    /// Validates inputs and returns them as stored permissions (with roleName, labels without
    /// descriptions). `invite` accepts the invite shape: labels on the permission, resources optional.
    func validatedPermissions(_ inputs: [PermissionInput]?, lacking: Set<PlanFeature>, invite: Bool = false) throws(APIError) -> [S
        .Permission]
    {
        guard let inputs else { throw .validation("\"permissions\" is required", field: "permissions") }
        var result: [S.Permission] = []
        for (n, input) in inputs.enumerated() {
            let at = "permissions.\(n)"
            guard let roleId = input.roleId, !roleId.isEmpty else { throw .validation("\"roleId\" is required", field: "\(at).roleId") }
            guard let role = roleById[roleId] else {
                throw .validation("Role \(roleId) does not exist in this workspace", field: "\(at).roleId")
            }
            if input.labels?.isEmpty == false && !invite {
                throw .validation("Labels go on the WORKSPACE resource, not on the permission", field: "\(at).labels")
            }
            var resourceInputs = input.resources ?? []
            if invite && input.resources == nil { resourceInputs = [ResourceInput(id: workspace.id, type: "WORKSPACE")] }
            guard !resourceInputs.isEmpty else {
                throw .validation("\"resources\" must list at least one resource", field: "\(at).resources")
            }
            var resources: [S.PermissionResource] = []
            for (r, resourceInput) in resourceInputs.enumerated() {
                var resourceInput = resourceInput
                if invite, let labels = input.labels, !labels.isEmpty {
                    guard resourceInput.type == "WORKSPACE" else {
                        throw .validation("Labels are only allowed on workspace-level permissions", field: "\(at).labels")
                    }
                    resourceInput.labels = (resourceInput.labels ?? []) + labels
                }
                resources.append(try validatedResource(resourceInput, role: role, lacking: lacking, field: "\(at).resources.\(r)"))
            }
            let permission = S.Permission(roleId: roleId, roleName: role.name, resources: resources)
            if !result.contains(where: { Self.sameGrant($0, permission) }) { result.append(permission) }
        }
        return result
    }

    private func validatedResource(_ input: ResourceInput, role: S.Role, lacking: Set<PlanFeature>, field: String) throws(APIError)
        -> S.PermissionResource
    {
        guard let type = input.type, PermissionRules.resourceTypes.contains(type) else {
            throw .validation(
                "Invalid resource type \"\(input.type ?? "")\"; expected one of WORKSPACE, SOURCE, WAREHOUSE, FUNCTION, SPACE",
                field: "\(field).type")
        }
        guard let id = input.id, !id.isEmpty else { throw .validation("\"id\" is required", field: "\(field).id") }
        let labels = input.labels ?? []
        if !labels.isEmpty && type != "WORKSPACE" {
            throw .validation("Labels are only allowed on WORKSPACE resources, not \(type)", field: "\(field).labels")
        }
        guard resourceIds[type]?.contains(id) == true else {
            throw .validation("\(type) resource \(id) does not exist in this workspace", field: "\(field).id")
        }
        guard SimulatedRoles.allowedResourceTypes(roleId: role.id).contains(type) else {
            throw .validation("Role \"\(role.name)\" cannot be granted on \(type) resources", field: "\(field).type")
        }
        guard !labels.isEmpty else { return S.PermissionResource(id: id, type: type) }
        if lacking.contains(.labels) {
            throw .validation("Your plan does not include \(PlanFeature.labels.displayName)", field: "\(field).labels")
        }
        var stored: [S.Label] = []
        for label in labels {
            let value = S.Label(key: label.key ?? "", value: label.value ?? "")
            guard labelKeys.contains(Self.labelKey(value)) else {
                throw .validation("Label \(value.key):\(value.value) does not exist in this workspace", field: "\(field).labels")
            }
            if !stored.contains(value) { stored.append(value) }
        }
        return S.PermissionResource(id: id, type: type, labels: stored)
    }

    /// Same role on the same resources (and labels), whatever the order.
    static func sameGrant(_ a: S.Permission, _ b: S.Permission) -> Bool {
        a.roleId == b.roleId && canonical(a.resources) == canonical(b.resources)
    }

    private static func canonical(_ resources: [S.PermissionResource]) -> [String] {
        resources.map { r in
            let labels = (r.labels ?? []).map { labelKey($0) }.sorted().joined(separator: ",")
            return "\(r.type)|\(r.id)|\(labels)"
        }.sorted()
    }

    /// `existing` plus each of `added` not already held.
    static func merged(_ existing: [S.Permission], adding added: [S.Permission]) -> [S.Permission] {
        var result = existing
        for p in added where !result.contains(where: { sameGrant($0, p) }) { result.append(p) }
        return result
    }

    /// Whether these permissions make their holder a Workspace Owner of this workspace.
    func grantsOwnership(_ permissions: [S.Permission]) -> Bool {
        guard let ownerRoleId else { return false }
        return permissions.contains { p in
            p.roleId == ownerRoleId && p.resources.contains { $0.type == "WORKSPACE" && $0.id == workspace.id }
        }
    }

    /// Throws when the change would leave a workspace that has an owner without any: `removing`
    /// users leave, and `replacing` gives one user a new permission set.
    func checkOwnersRemain(removing: Set<String> = [], replacing: (userId: String, permissions: [S.Permission])? = nil) throws(APIError) {
        let owners = users.filter { grantsOwnership($0.permissions) }
        guard !owners.isEmpty else { return }
        let remaining = owners.filter { owner in
            if removing.contains(owner.id) { return false }
            if let replacing, replacing.userId == owner.id { return grantsOwnership(replacing.permissions) }
            return true
        }
        if remaining.isEmpty {
            throw .validation("The workspace must keep at least one Workspace Owner; this change would remove the last one")
        }
    }
}
