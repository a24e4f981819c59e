import SegmentAPI

/// The workspace read by `validate()`, so the sync right after it does not read it again.
actor WorkspaceMemo {
    private(set) var workspace: Workspace?
    func set(_ workspace: Workspace) { self.workspace = workspace }

    /// The remembered workspace, or the token's workspace read now and remembered.
    func workspace(using client: SegmentClient) async throws -> Workspace {
        if let workspace { return workspace }
        let read = try await client.getWorkspace()
        workspace = read
        return read
    }
}
