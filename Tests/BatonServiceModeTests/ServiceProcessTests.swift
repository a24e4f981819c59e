import BatonKit
import BatonServiceProto
import BatonStore
import FakeConductorOne
import Foundation
import SwiftProtobuf
import Testing

@testable import BatonServiceMode

/// The executable as a platform team runs it: configured by `BATON_*` variables alone, trusting
/// ConductorOne's CA through `SSL_CERT_FILE`, stopped by SIGTERM.
@Suite struct ServiceProcessTests {
    @Test func theExecutableServesAScriptedQueueFromEnvironmentVariablesAlone() async throws {
        try await ServiceFixture.run(simulatorLatencyMs: 50) { fixture in
            let c1 = fixture.conductorOne
            let environment = [
                "BATON_CLIENT_ID": c1.clientId, "BATON_CLIENT_SECRET": c1.clientSecret, "BATON_TOKEN": ServiceFixture.segmentToken,
                "BATON_PROVISIONING": "true", "BATON_C1_API_HOST": c1.apiHost, "BATON_BASE_URL": fixture.simulator.baseURL,
                "BATON_C1Z_TEMP_DIR": fixture.temporaryDirectory, "SSL_CERT_FILE": fixture.caPath, "BATON_LOG_FORMAT": "json",
            ]
            let process = try ConnectorProcess(environment: environment)

            // Hello, then a sync whose upload verifies (the fake keeps only a matching checksum).
            try await c1.waitForHello()
            let sync = c1.enqueueSyncFull()
            let bytes = try await c1.waitForUpload(taskId: sync)
            guard case .success? = try await c1.waitForFinish(taskId: sync).finalState else { Issue.record("sync failed"); return }
            let uploadedPath = fixture.temporaryDirectory + "/../uploaded.c1z"
            try bytes.write(to: URL(fileURLWithPath: uploadedPath))
            let file = try C1ZReader(path: uploadedPath)
            defer { file.close() }

            // A grant and a revoke built from the upload.
            let group = try #require(fixture.snapshot.groups.first)
            let outsider = try #require(fixture.snapshot.users.first { !group.members.contains($0.id) })
            var entitlement = try #require(try file.entitlements(resource: ResourceId("group", group.id)).first { $0.slug == "member" })
            entitlement.resource = try #require(try file.resources(ofType: "group").first { $0.id.resource == group.id })
            let principal = try #require(try file.resources(ofType: "user").first { $0.id.resource == outsider.id })
            let grant = c1.enqueueGrant(entitlement: entitlement, principal: principal)
            guard case .success(let granted)? = try await c1.waitForFinish(taskId: grant).finalState else { Issue.record("grant"); return }
            let created = try C1_Connector_V2_GrantManagerServiceGrantResponse(unpackingAny: granted.response)
            var revokeGrant = try #require(created.grants.first)
            revokeGrant.entitlement = entitlement
            revokeGrant.principal = principal
            let revoke = c1.enqueueRevoke(grant: revokeGrant)
            guard case .success? = try await c1.waitForFinish(taskId: revoke).finalState else { Issue.record("revoke"); return }
            #expect(await fixture.simulator.snapshot().groups.first { $0.id == group.id }?.members.contains(outsider.id) == false)

            // An invitation and a removal.
            var info = C1_Connector_V2_AccountInfo()
            var email = C1_Connector_V2_AccountInfo.Email()
            email.address = "process.invitee@example.com"
            email.isPrimary = true
            info.emails = [email]
            let invite = c1.enqueueCreateAccount(accountInfo: info)
            guard case .success? = try await c1.waitForFinish(taskId: invite).finalState else { Issue.record("invite"); return }
            let leaver = try #require(fixture.snapshot.users.last)
            let removal = c1.enqueueDeleteResource(resourceId: ResourceId("user", leaver.id))
            guard case .success? = try await c1.waitForFinish(taskId: removal).finalState else { Issue.record("removal"); return }
            let after = await fixture.simulator.snapshot()
            #expect(after.invites.contains { $0.email == "process.invitee@example.com" })
            #expect(!after.users.contains { $0.id == leaver.id })

            // An unknown task type is refused; a sync cancelled through its first heartbeat is abandoned.
            let unknown = c1.enqueueUnknownTaskType()
            guard case .error? = try await c1.waitForFinish(taskId: unknown).finalState else { Issue.record("unknown"); return }
            let cancelled = TaskScript.syncFull()
            c1.cancel(taskId: cancelled.id)
            c1.enqueue(cancelled)
            let abandoned = await process.line(containing: "sync abandoned")
            #expect(abandoned?.contains(cancelled.id) == true)
            #expect(c1.finished(taskId: cancelled.id) == nil)

            // SIGTERM: a clean exit 0 with nothing left in the temporary folder.
            let stopping = ContinuousClock.now
            process.signal(SIGTERM)
            let status = await process.exitStatus()
            #expect(status == 0)
            #expect(ContinuousClock.now - stopping < .seconds(30))
            #expect(fixture.temporaryFiles().isEmpty, "left behind: \(fixture.temporaryFiles())")
            let log = process.lines.joined(separator: "\n")
            #expect(!log.contains(c1.clientSecret) && !log.contains(ServiceFixture.segmentToken))
            #expect(!log.contains(String(c1.clientSecret.split(separator: ":").last ?? "")))
        }
    }

    @Test func refusedCredentialsExit16WithOneLine() async throws {
        try await ServiceFixture.run(conductorOne: .init(refuseTokens: true)) { fixture in
            let process = try ConnectorProcess(environment: [
                "BATON_CLIENT_ID": fixture.conductorOne.clientId, "BATON_CLIENT_SECRET": fixture.conductorOne.clientSecret,
                "BATON_TOKEN": ServiceFixture.segmentToken, "BATON_C1_API_HOST": fixture.conductorOne.apiHost,
                "SSL_CERT_FILE": fixture.caPath, "BATON_LOG_LEVEL": "error",
            ])
            let status = await process.exitStatus()
            #expect(status == BatonStatusCode.unauthenticated.rawValue)
            let lines = process.lines.filter { !$0.isEmpty }
            #expect(lines.last?.contains("refused the client credentials") == true, "\(lines)")
            #expect(!lines.joined().contains(fixture.conductorOne.clientSecret))
            #expect(fixture.conductorOne.tokenRequests.count == 1)
        }
    }

    @Test func aMalformedSecretExitsWithOneLineBeforeAnyNetworkCall() async throws {
        try await ServiceFixture.run { fixture in
            let secret = fixture.conductorOne.clientSecret.replacingOccurrences(of: ":v1:", with: ":v2:")
            let process = try ConnectorProcess(environment: [
                "BATON_CLIENT_ID": fixture.conductorOne.clientId, "BATON_CLIENT_SECRET": secret,
                "BATON_TOKEN": ServiceFixture.segmentToken, "BATON_C1_API_HOST": fixture.conductorOne.apiHost,
            ])
            let status = await process.exitStatus()
            #expect(status == BatonStatusCode.invalidArgument.rawValue)
            #expect(process.lines.filter { !$0.isEmpty } == ["invalid client secret: part 3 must be \"v1\""])
            #expect(fixture.conductorOne.tokenRequests.isEmpty)
        }
    }
}
