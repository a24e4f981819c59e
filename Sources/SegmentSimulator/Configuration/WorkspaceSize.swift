/// How many of each object the generator creates.
package struct WorkspaceSize: Sendable, Codable, Equatable {
    package var users: Int
    package var groups: Int
    package var sources: Int
    package var warehouses: Int
    package var functions: Int
    package var spaces: Int
    package var invites: Int

    package init(users: Int, groups: Int, sources: Int, warehouses: Int, functions: Int, spaces: Int, invites: Int) {
        self.users = users
        self.groups = groups
        self.sources = sources
        self.warehouses = warehouses
        self.functions = functions
        self.spaces = spaces
        self.invites = invites
    }

    /// Small enough to read in full; functions cover all five kinds.
    package static let demo = WorkspaceSize(users: 12, groups: 3, sources: 4, warehouses: 2, functions: 5, spaces: 2, invites: 3)
    package static let small = WorkspaceSize(users: 60, groups: 8, sources: 15, warehouses: 4, functions: 10, spaces: 3, invites: 10)
    package static let medium = WorkspaceSize(users: 1_000, groups: 50, sources: 100, warehouses: 10, functions: 40, spaces: 5, invites: 50)
    package static let large = WorkspaceSize(
        users: 10_000, groups: 300, sources: 500, warehouses: 50, functions: 200, spaces: 20, invites: 500)

    /// The preset called `name` (demo, small, medium, large), or nil.
    package static func preset(_ name: String) -> WorkspaceSize? {
        switch name.lowercased() {
        case "demo": .demo
        case "small": .small
        case "medium": .medium
        case "large": .large
        default: nil
        }
    }
}
