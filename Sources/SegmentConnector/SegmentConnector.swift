import BatonKit
import SegmentAPI

/// The Segment connector: one syncer per resource type over a shared `SegmentClient`.
public struct SegmentConnector: Connector {
    public let client: SegmentClient
    /// How many per-principal reads (`GET /users/{id}`, `GET /groups/{id}`) run at once.
    public let concurrency: Int
    let workspaceMemo: WorkspaceMemo
    /// The event feed's counts and its one-time "audit trail unavailable" notice.
    let eventFeedLog = EventFeedLog()

    public init(client: SegmentClient, concurrency: Int = 8) {
        self.client = client
        self.concurrency = max(1, concurrency)
        self.workspaceMemo = WorkspaceMemo()
    }

    public func metadata() async throws -> ConnectorMetadata {
        var metadata = ConnectorMetadata()
        metadata.displayName = "Segment"
        metadata.description_p = "Syncs a Twilio Segment workspace's users, invites, user groups, roles, sources, warehouses, functions and spaces, and provisions access to them."
        metadata.helpURL = "https://segment.com/docs/segment-app/iam/"
        return metadata
    }

    /// Checks the token by reading the workspace it belongs to (kept for the sync that follows).
    public func validate() async throws {
        let workspace = try await client.getWorkspace()
        await workspaceMemo.set(workspace)
    }

    public var syncers: [any ResourceSyncer] {
        [
            WorkspaceSyncer(client: client, memo: workspaceMemo),
            UserSyncer(client: client, memo: workspaceMemo, concurrency: concurrency),
            InviteSyncer(client: client, memo: workspaceMemo),
            GroupSyncer(client: client, memo: workspaceMemo, concurrency: concurrency),
            RoleSyncer(client: client, memo: workspaceMemo),
        ] + ScopedResourceKind.allCases.map { ScopedResourceSyncer(client: client, memo: workspaceMemo, kind: $0) }
    }
}

/// The workspace read by `validate()`, so the sync right after it does not read it again.
actor WorkspaceMemo {
    private(set) var workspace: Workspace?
    /// Serialises provisioning per principal across every syncer of this connector (Provisioning/).
    let principalLocks = PrincipalLocks()
    func set(_ workspace: Workspace) { self.workspace = workspace }

    /// The remembered workspace, or the token's workspace read now and remembered.
    func workspace(using client: SegmentClient) async throws -> Workspace {
        if let workspace { return workspace }
        let read = try await client.getWorkspace()
        workspace = read
        return read
    }
}
