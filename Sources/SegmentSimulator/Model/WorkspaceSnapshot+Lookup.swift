extension WorkspaceSnapshot {
    /// The user with this id, if any.
    package func user(id: String) -> User? { users.first { $0.id == id } }

    /// The user with this e-mail (case-insensitive), if any.
    package func user(email: String) -> User? {
        let wanted = email.lowercased()
        return users.first { $0.email.lowercased() == wanted }
    }

    /// The group with this id, if any.
    package func group(id: String) -> Group? { groups.first { $0.id == id } }

    /// The id of the role with this exact name, if the catalogue has it.
    package func roleId(named name: String) -> String? { roles.first { $0.name == name }?.id }

    /// Users holding Workspace Owner directly on the WORKSPACE resource.
    package var workspaceOwners: [User] {
        guard let owner = roleId(named: SimulatedRoles.workspaceOwner) else { return [] }
        return users.filter { user in
            user.permissions.contains { $0.roleId == owner && $0.resources.contains { $0.type == "WORKSPACE" } }
        }
    }

    /// Functions of one kind (`SOURCE`, `DESTINATION`, `INSERT_SOURCE`, ...), in list order.
    package func functions(ofType resourceType: String) -> [Function] {
        functions.filter { $0.resourceType == resourceType }
    }
}
