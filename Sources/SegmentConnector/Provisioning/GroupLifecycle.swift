import BatonKit
import SegmentAPI

/// Groups themselves: created by name (`POST /groups`), deleted by id (`DELETE /groups/{id}`).
/// Deleting a group that is already gone succeeds with `ResourceDoesNotExist`.
extension GroupSyncer: ResourceCreator, ResourceDeleter {
    func createResource(_ resource: Resource) async throws -> CreateResourceResponse {
        try await provisioner.groupCreationPlan(resource).run()
    }

    func delete(resourceId: ResourceId) async throws -> [Annotation] {
        try await provisioner.delete(resourceId, resourceType: resourceType.id)
    }
}

extension SegmentProvisioner {
    /// What creating a group has written.
    struct GroupCreationState: Sendable {
        /// Set by the `POST /groups` step; the plan finishes only after it.
        var created: UserGroup?
    }

    /// `POST /groups` named after the resource's display name; runs to the created group.
    func groupCreationPlan(_ resource: Resource) throws -> ProvisioningPlan<CreateResourceResponse> {
        let name = resource.displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw SegmentConnectorError.invalidPrincipal("a new group needs a name (the resource's display name)") }
        var plan = SegmentCallPlan<GroupCreationState, CreateResourceResponse>(state: GroupCreationState(), locks: locks) { [self] state in
            var response = CreateResourceResponse()
            response.created = GroupSyncer.resource(
                state.created!, parent: ResourceId(SegmentResourceTypes.workspace.id, try await workspaceId()))
            return response
        }
        plan.step(.write("createUserGroup", "POST /groups \(CallLines.json(CallLines.GroupName(name: name)))")) { [self] state in
            state.created = try await client.createUserGroup(name: name)
            return .next
        }
        return plan.erased
    }

    /// `DELETE /groups/{id}` after checking the group exists; runs to the response annotations.
    func groupDeletionPlan(_ groupId: String) -> ProvisioningPlan<[Annotation]> {
        var plan = SegmentCallPlan<NoState, [Annotation]>(state: NoState(), locks: locks) { _ in [] }
        plan.lockPrincipal(ProvisioningPrincipal.group(id: groupId).lockKey)
        plan.step(.read("getUserGroup", "GET /groups/\(groupId) — does the group still exist? (no: already gone)")) { [self] _ in
            do { _ = try await client.getUserGroup(id: groupId) } catch SegmentAPIError.notFound { return .done(Self.alreadyGone) }
            return .next
        }
        plan.step(.write("deleteUserGroup", "DELETE /groups/\(groupId)")) { [self] _ in
            do { try await client.deleteUserGroup(id: groupId) } catch SegmentAPIError.notFound { return .done(Self.alreadyGone) }
            return .next
        }
        return plan.erased
    }
}
