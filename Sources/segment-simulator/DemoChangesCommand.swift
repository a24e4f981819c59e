import ArgumentParser
import Foundation
import SegmentAPI
import SegmentSimulator

/// `segment-simulator demo-changes`: what `make demo` does between its two syncs — a few access
/// changes an admin might make, sent through the public API (the SegmentAPI client) to a running
/// simulator. The targets are picked from the workspace the simulator was generated with (same
/// seed and preset), so nothing has to be read back first. Prints one line per change.
struct DemoChangesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-changes", abstract: "Make a few access changes in a running simulator (for make demo).",
        shouldDisplay: false)

    @Option(help: "The simulator's base URL.") var baseUrl: String
    @Option(help: "Bearer token the simulator accepts.") var token = "sim-token"
    @Option(help: "The seed the simulator was generated with.") var seed: UInt64 = 1
    @Option(help: "The preset the simulator was generated with.") var preset = "demo"

    func run() async throws {
        let workspace = WorkspaceGenerator.generate(seed: seed, size: WorkspaceSize.preset(preset) ?? .demo, plan: .business)
        let client = try SegmentClient(configuration: try SegmentClientConfiguration(token: token, baseURL: baseUrl))
        do {
            try await makeChanges(in: workspace, client: client)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func makeChanges(in workspace: WorkspaceSnapshot, client: SegmentClient) async throws {
        let roles = Dictionary(workspace.roles.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        guard let owner = roles["Workspace Owner"], let sourceAdmin = roles["Source Admin"] else {
            throw ValidationError("the workspace has no Workspace Owner or Source Admin role")
        }
        let ordinary = workspace.users.filter { user in !user.permissions.contains { $0.roleId == owner } }
        guard ordinary.count >= 2, let source = workspace.sources.first else {
            throw ValidationError("the workspace is too small for the demo changes")
        }
        let promoted = ordinary[0], admin = ordinary[1]
        _ = try await client.addPermissionsToUser(
            userId: promoted.id,
            permissions: [
                PermissionInput(roleId: owner, resources: [PermissionResource(id: workspace.workspace.id, type: .workspace)])
            ])
        print("  \(promoted.name) is made Workspace Owner")
        _ = try await client.addPermissionsToUser(
            userId: admin.id,
            permissions: [
                PermissionInput(roleId: sourceAdmin, resources: [PermissionResource(id: source.id, type: .source)])
            ])
        print("  \(admin.name) is made Source Admin of \(source.name ?? source.slug)")
        if let group = workspace.groups.first(where: { !$0.permissions.isEmpty && !$0.members.isEmpty }),
            let member = workspace.users.first(where: { $0.id == group.members[0] })
        {
            try await client.removeUsersFromUserGroup(groupId: group.id, emails: [member.email])
            print("  \(member.name) is taken out of the group \(group.name)")
        }
        let invitee = "new.analyst@example.com"
        _ = try await client.createInvites([InviteInput(email: invitee)])
        print("  \(invitee) is invited")
        if let withdrawn = workspace.invites.first {
            try await client.deleteInvites(emails: [withdrawn.email])
            print("  the invitation for \(withdrawn.email) is withdrawn")
        }
    }
}
