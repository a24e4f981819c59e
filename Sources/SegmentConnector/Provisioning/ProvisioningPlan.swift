import BatonKit

/// An operation's planned Segment calls and the way to run them, whatever state its steps share:
/// what the dispatch hands to `--dry-run` (`calls`) and to execution (`run`).
struct ProvisioningPlan<Result: Sendable>: Sendable {
    let calls: [PlannedCall]
    let run: @Sendable () async throws -> Result
}

extension SegmentCallPlan {
    /// The plan with its state hidden, so operations of one kind share a type.
    var erased: ProvisioningPlan<Result> {
        ProvisioningPlan(calls: calls, run: { [self] in try await run() })
    }
}

extension SegmentProvisioner {
    /// The step that refuses an entitlement of another workspace than the token's. It reads
    /// `GET /` only while the workspace is unknown, and the line is printed only then.
    func checkWorkspaceStep<State, Result>(
        _ entitlement: Entitlement, target: ProvisioningTarget,
        in plan: inout SegmentCallPlan<State, Result>
    ) async {
        let call: [PlannedCall] =
            await memo.workspace == nil
            ? [.read("getWorkspace", "GET / — the token's workspace (must be the one the entitlement belongs to)")] : []
        plan.append(calls: call) { [self] _ in
            try await checkWorkspace(of: entitlement, target: target)
            return .next
        }
    }

    /// The workspace id for a dry-run line: known, or the entitlement's (or target's) own, or a placeholder.
    func workspaceForLines(entitlement: Entitlement? = nil, target: ProvisioningTarget? = nil) async -> String {
        if let known = await memo.workspace { return known.id }
        if let entitlement, entitlement.resource.hasParentResourceID,
            entitlement.resource.parentResourceID.resourceType == SegmentResourceTypes.workspace.id
        {
            return entitlement.resource.parentResourceID.resource
        }
        if case .workspaceMembership(let id)? = target { return id }
        return "<workspace id>"
    }
}
