import BatonKit
import SegmentAPI

/// A syncer whose type is provisioned through the shared `SegmentProvisioner`: grants, revokes,
/// deletions and dry-run plans are routed by resource type (ProvisioningDispatch.swift), so each
/// target's file only declares what it supports.
protocol SegmentProvisioning: ProvisioningPlanner {
    var client: SegmentClient { get }
    var memo: WorkspaceMemo { get }
    var locks: PrincipalLocks { get }
    var resourceType: ResourceType { get }
}

extension SegmentProvisioning {
    var provisioner: SegmentProvisioner { SegmentProvisioner(client: client, memo: memo, locks: locks) }

    /// One line per planned Segment call: the same plan the operation runs, printed, not run.
    func plan(_ operation: ProvisioningOperation) async throws -> [String] {
        try await provisioner.calls(for: operation, resourceType: resourceType.id).map(\.line)
    }
}

/// Grant and revoke of the type's entitlements, through the shared provisioner.
protocol SegmentGrantProvisioning: SegmentProvisioning, GrantProvisioner {}

extension SegmentGrantProvisioning {
    func grant(principal: Resource, entitlement: Entitlement) async throws -> GrantResult {
        try await provisioner.grant(principal: principal, entitlement: entitlement, resourceType: resourceType.id)
    }

    func revoke(grant: Grant) async throws -> [Annotation] {
        try await provisioner.revoke(grant: grant, resourceType: resourceType.id)
    }
}
