import BatonKit
import SegmentAPI

/// What several syncers of one sync share, each read once through the session cache.
struct SyncLookups: Sendable {
    let client: SegmentClient
    let memo: WorkspaceMemo
    let context: SyncContext

    /// The role catalogue: requested once per sync, then served from the cache.
    func roles() async throws -> RoleDirectory {
        try await context.session.getOrCompute("segment:roles") { [client] in
            try await RoleDirectory.read(from: client)
        }
    }

    /// The workspace the token belongs to.
    func workspace() async throws -> Workspace {
        try await context.session.getOrCompute("segment:workspace") { [client, memo] in
            try await memo.workspace(using: client)
        }
    }

    /// The per-sync index of who holds what.
    func permissions() async throws -> PermissionIndex {
        try await context.session.getOrCompute("segment:permission-index") { [context] in
            // A resumed sync starts from what the interrupted process had listed.
            let index = PermissionIndex()
            try await index.restore(from: context.persisted.values(prefix: PersistedIndexFact.prefix))
            return index
        }
    }
}
