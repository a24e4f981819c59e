import BatonKit
import BatonServiceProto
import BatonStore
import FakeConductorOne
import Foundation
import SegmentSimulator
import SwiftProtobuf
import Testing

@testable import BatonServiceMode

/// Provisioning tasks built, as ConductorOne builds them, from the objects in our own upload,
/// taking effect in the simulated workspace.
@Suite struct ServiceProvisioningTests {
    /// Syncs through service mode and returns the uploaded file, opened for reading.
    private func uploadedFile(_ fixture: ServiceFixture) async throws -> (reader: C1ZReader, path: String) {
        let taskId = fixture.conductorOne.enqueueSyncFull()
        let bytes = try await fixture.conductorOne.waitForUpload(taskId: taskId)
        try await fixture.conductorOne.waitForFinish(taskId: taskId)
        let path = NSTemporaryDirectory() + "uploaded-\(taskId).c1z"
        try bytes.write(to: URL(fileURLWithPath: path))
        return (try C1ZReader(path: path), path)
    }

    private func success(
        _ finish: C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest.Success? {
        guard case .success(let success)? = finish.finalState else {
            Issue.record("task finished with \(finish.status.code) \(finish.status.message)", sourceLocation: sourceLocation)
            return nil
        }
        return success
    }

    @Test func aGrantAndARevokeBuiltFromTheUploadTakeEffect() async throws {
        try await ServiceFixture.run { fixture in
            let service = try fixture.startService()
            let (file, path) = try await uploadedFile(fixture)
            defer { file.close(); try? FileManager.default.removeItem(atPath: path) }

            // A group membership the upload shows some user does not hold.
            let group = try #require(fixture.snapshot.groups.first)
            let outsider = try #require(fixture.snapshot.users.first { !group.members.contains($0.id) })
            var entitlement = try #require(try file.entitlements(resource: ResourceId("group", group.id)).first { $0.slug == "member" })
            entitlement.resource = try #require(try file.resources(ofType: "group").first { $0.id.resource == group.id })
            let principal = try #require(try file.resources(ofType: "user").first { $0.id.resource == outsider.id })

            let grantTask = fixture.conductorOne.enqueueGrant(entitlement: entitlement, principal: principal)
            let granted = try #require(success(try await fixture.conductorOne.waitForFinish(taskId: grantTask)))
            let response = try C1_Connector_V2_GrantManagerServiceGrantResponse(unpackingAny: granted.response)
            let grant = try #require(response.grants.first)
            #expect(grant.id == "\(entitlement.id):user:\(outsider.id)")
            let afterGrant = await fixture.simulator.snapshot()
            #expect(afterGrant.groups.first { $0.id == group.id }?.members.contains(outsider.id) == true)

            // Revoke a grant exactly as the upload holds it (a direct membership of another user).
            let held = try #require(
                try file.grants(entitlementID: entitlement.id).first { !$0.hasSources && $0.principal.id.resourceType == "user" })
            var stored = held
            stored.entitlement = entitlement
            let revokeTask = fixture.conductorOne.enqueueRevoke(grant: stored)
            let revoked = try #require(success(try await fixture.conductorOne.waitForFinish(taskId: revokeTask)))
            _ = try C1_Connector_V2_GrantManagerServiceRevokeResponse(unpackingAny: revoked.response)
            let afterRevoke = await fixture.simulator.snapshot()
            #expect(afterRevoke.groups.first { $0.id == group.id }?.members.contains(held.principal.id.resource) == false)

            // Asking again changes nothing and says so, as one-shot provisioning does.
            let again = fixture.conductorOne.enqueueGrant(entitlement: entitlement, principal: principal)
            let repeated = try #require(success(try await fixture.conductorOne.waitForFinish(taskId: again)))
            #expect(repeated.annotations.contains(C1_Connector_V2_GrantAlreadyExists.self))
            await service.stop()
        }
    }

    @Test func anInvitationAndARemovalChangeTheWorkspace() async throws {
        try await ServiceFixture.run { fixture in
            let service = try fixture.startService()
            var info = C1_Connector_V2_AccountInfo()
            var email = C1_Connector_V2_AccountInfo.Email()
            email.address = "new.person@example.com"
            email.isPrimary = true
            info.emails = [email]
            info.login = "new.person@example.com"
            let invite = fixture.conductorOne.enqueueCreateAccount(accountInfo: info)
            let invited = try #require(success(try await fixture.conductorOne.waitForFinish(taskId: invite)))
            let created = try C1_Connector_V2_CreateAccountResponse(unpackingAny: invited.response)
            #expect(created.result != nil)
            #expect(await fixture.simulator.snapshot().invites.contains { $0.email == "new.person@example.com" })

            let leaver = try #require(fixture.snapshot.users.last)
            let removal = fixture.conductorOne.enqueueDeleteResource(resourceId: ResourceId("user", leaver.id))
            let removed = try #require(success(try await fixture.conductorOne.waitForFinish(taskId: removal)))
            _ = try C1_Connector_V2_DeleteResourceResponse(unpackingAny: removed.response)
            #expect(await fixture.simulator.snapshot().users.contains { $0.id == leaver.id } == false)

            var group = Resource()
            group.id = ResourceId("group", "")
            group.displayName = "Created By Service Mode"
            let create = fixture.conductorOne.enqueueCreateResource(group)
            let made = try #require(success(try await fixture.conductorOne.waitForFinish(taskId: create)))
            let madeGroup = try C1_Connector_V2_CreateResourceResponse(unpackingAny: made.response)
            #expect(madeGroup.created.id.resourceType == "group")
            #expect(await fixture.simulator.snapshot().groups.contains { $0.name == "Created By Service Mode" })
            await service.stop()
        }
    }

    @Test func withoutProvisioningEveryWriteIsRefusedAndNothingChanges() async throws {
        try await ServiceFixture.run { fixture in
            let service = try fixture.startService(provisioning: false)
            let leaver = try #require(fixture.snapshot.users.last)
            let removal = fixture.conductorOne.enqueueDeleteResource(resourceId: ResourceId("user", leaver.id))
            let finish = try await fixture.conductorOne.waitForFinish(taskId: removal)
            await service.stop()
            guard case .error(let error)? = finish.finalState else { Issue.record("not refused: \(finish)"); return }
            #expect(error.nonRetryable)
            #expect(finish.status.code == BatonStatusCode.failedPrecondition.rawValue)
            #expect(finish.status.message == "provisioning is not enabled")
            #expect(await fixture.simulator.snapshot() == fixture.snapshot)
        }
    }

    @Test func unknownAndMalformedTasksAreFinishedAsFinalErrors() async throws {
        try await ServiceFixture.run { fixture in
            let service = try fixture.startService()
            let unknown = fixture.conductorOne.enqueueUnknownTaskType()
            var noEntitlement = C1_Connectorapi_Baton_V1_Task.GrantTask()
            noEntitlement.principal.id = ResourceId("user", "u1")
            let malformedTask = TaskScript.task(.grant(noEntitlement))
            let malformed = fixture.conductorOne.enqueue(malformedTask)

            let unknownFinish = try await fixture.conductorOne.waitForFinish(taskId: unknown)
            let malformedFinish = try await fixture.conductorOne.waitForFinish(taskId: malformed)
            await service.stop()

            guard case .error(let unknownError)? = unknownFinish.finalState else { Issue.record("\(unknownFinish)"); return }
            #expect(unknownError.nonRetryable)
            #expect(unknownFinish.status.message == "unsupported task type")
            guard case .error(let malformedError)? = malformedFinish.finalState else { Issue.record("\(malformedFinish)"); return }
            #expect(malformedError.nonRetryable)
            #expect(malformedFinish.status.code == BatonStatusCode.invalidArgument.rawValue)
            #expect(malformedFinish.status.message.contains("no entitlement"))
            #expect(await fixture.simulator.snapshot() == fixture.snapshot)
        }
    }
}
