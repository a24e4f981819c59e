import BatonKit
import SegmentAPI

/// The Segment connector: one syncer per resource type over a shared `SegmentClient`.
public struct SegmentConnector: Connector {
    package let client: SegmentClient
    /// How many per-principal reads (`GET /users/{id}`, `GET /groups/{id}`) run at once.
    package let concurrency: Int
    let workspaceMemo: WorkspaceMemo
    /// Serialises provisioning per principal across every syncer of this connector.
    let principalLocks: PrincipalLocks
    /// The event feed's counts and its one-time "audit trail unavailable" notice.
    let eventFeedLog = EventFeedLog()

    /// A connector reading and writing through `client`; `concurrency` (at least 1) bounds the
    /// per-principal reads each syncer runs at once.
    public init(client: SegmentClient, concurrency: Int = SegmentClientConfiguration.defaultConcurrency) {
        self.client = client
        self.concurrency = max(1, concurrency)
        self.workspaceMemo = WorkspaceMemo()
        self.principalLocks = PrincipalLocks()
    }

    /// The connector's name, description and help link, as `capabilities` and ConductorOne show them.
    public func metadata() async throws -> ConnectorMetadata {
        var metadata = ConnectorMetadata()
        metadata.displayName = "Segment"
        metadata.description_p =
            "Syncs a Twilio Segment workspace's users, invites, user groups, roles, sources, warehouses, functions and spaces, and provisions access to them."
        metadata.helpURL = "https://segment.com/docs/segment-app/iam/"
        return metadata
    }

    /// Checks the token by reading the workspace it belongs to (kept for the sync that follows).
    public func validate() async throws {
        let workspace = try await client.getWorkspace()
        await workspaceMemo.set(workspace)
    }

    /// One syncer per resource type (workspace, user, invite, group, role, and each scoped kind),
    /// sharing the client, the remembered workspace and the per-principal provisioning locks.
    public var syncers: [any ResourceSyncer] {
        [
            WorkspaceSyncer(client: client, memo: workspaceMemo, locks: principalLocks),
            UserSyncer(client: client, memo: workspaceMemo, locks: principalLocks, concurrency: concurrency),
            InviteSyncer(client: client, memo: workspaceMemo, locks: principalLocks),
            GroupSyncer(client: client, memo: workspaceMemo, locks: principalLocks, concurrency: concurrency),
            RoleSyncer(client: client, memo: workspaceMemo, locks: principalLocks),
        ] + ScopedResourceKind.allCases.map { ScopedResourceSyncer(client: client, memo: workspaceMemo, locks: principalLocks, kind: $0) }
    }
}
