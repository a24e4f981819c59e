/// The simulated role catalogue: realistic Segment role names with stable ids, and which resource
/// types each role may be granted on (every role may be granted on the WORKSPACE resource).
enum SimulatedRoles {
    static let workspaceOwner = "Workspace Owner"
    static let workspaceMember = "Workspace Member"
    static let minimalAccess = "Minimal Workspace Access"

    struct Entry {
        let id: String
        let name: String
        let description: String
        /// Resource types besides WORKSPACE this role can be granted on.
        let resourceTypes: Set<String>
    }

    static let all: [Entry] = [
        Entry(
            id: "1WDUuRLxv84rrfCNUwvkrRtkxnS", name: workspaceOwner,
            description: "Full access to the workspace, its settings, billing and team.", resourceTypes: []),
        Entry(
            id: "1YNlQ7ZxN8dn5j2TpA0ZFy4kGqC", name: workspaceMember,
            description: "Read access to workspace settings; inherits custom permissions.", resourceTypes: []),
        Entry(
            id: "1aEWAcU0fArxScocwH9xxLgW7r3", name: minimalAccess, description: "Can see the workspace but no resources unless granted.",
            resourceTypes: []),
        Entry(
            id: "1Xv9tYJ2k0PmQa7RcW3sLd8FhNe", name: "Source Admin", description: "Edit access to sources and their destinations.",
            resourceTypes: ["SOURCE"]),
        Entry(
            id: "1Y0bKc4TgqVz6HpE2uWm9AsJrLx", name: "Source Read-only", description: "Read access to sources and their destinations.",
            resourceTypes: ["SOURCE"]),
        Entry(
            id: "1ZqF3hN7dXk2MvB8cY5tRw0LpGs", name: "Warehouse Admin", description: "Edit access to warehouses.",
            resourceTypes: ["WAREHOUSE"]),
        Entry(
            id: "1ZsK9pD2wQe7VbN4jX6mTc1HyRf", name: "Warehouse Read-only", description: "Read access to warehouses.",
            resourceTypes: ["WAREHOUSE"]),
        Entry(
            id: "1bN4xR8kTq2WvC6mY9dJs3LpHgE", name: "Function Admin", description: "Create, edit and deploy functions.",
            resourceTypes: ["FUNCTION"]),
        Entry(
            id: "1bQ7zT1mWx5YcF8pK2dR6vNsJhA", name: "Function Read-only", description: "Read access to functions.",
            resourceTypes: ["FUNCTION"]),
        Entry(
            id: "1c2JfV5nXq8ZbG3tM7wK0dRyPsL", name: "Unify Read-only", description: "Read access to Unify spaces.",
            resourceTypes: ["SPACE"]),
        Entry(
            id: "1c4LhX7pZs0BdJ5vP9yM2fTaRuN", name: "Unify and Engage Admin", description: "Edit access to Unify and Engage spaces.",
            resourceTypes: ["SPACE"]),
        Entry(
            id: "1c6NjZ9rBu2DfL7xR1aP4hVcTwQ", name: "Engage User", description: "Create audiences and journeys in Engage spaces.",
            resourceTypes: ["SPACE"]),
        Entry(
            id: "1c8QlB1tDw4FhN9zT3cR6kXeVyS", name: "Engage Read-only", description: "Read access to Engage spaces.",
            resourceTypes: ["SPACE"]),
        Entry(
            id: "1dAsnD3vFy6HjQ1bV5eT8mZgXaU", name: "Tracking Plan Admin", description: "Edit access to tracking plans.", resourceTypes: []
        ),
        Entry(
            id: "1dCupF5xHa8KlS3dX7gV0oBiZcW", name: "Privacy Admin", description: "Manage the privacy portal and deletion requests.",
            resourceTypes: []),
    ]

    /// Team workspaces only get the basic roles.
    static let teamNames: Set<String> = [workspaceOwner, minimalAccess, "Source Admin", "Source Read-only", "Function Admin"]

    static func entries(for plan: Plan) -> [Entry] {
        plan == .team ? all.filter { teamNames.contains($0.name) } : all
    }

    static func entry(named name: String) -> Entry? { all.first { $0.name == name } }

    /// Resource types a role id may be granted on; unknown (custom) roles accept every type.
    static func allowedResourceTypes(roleId: String) -> Set<String> {
        guard let entry = all.first(where: { $0.id == roleId }) else { return PermissionRules.resourceTypes }
        return entry.resourceTypes.union(["WORKSPACE"])
    }
}
