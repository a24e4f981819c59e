import BatonProto
import BatonServiceProto
import BatonStore
import FakeConductorOne
import Foundation
import SegmentSimulator
import SwiftProtobuf

/// The tasks the demo hands out, and how each outcome is told.
struct DemoScript {
    let conductorOne: FakeConductorOne
    let simulator: RunningSimulator
    let workspace: WorkspaceSnapshot
    let folder: String

    func run() async throws {
        let hello = try require(try await conductorOne.waitForHello().first, "no Hello")
        say(
            "1. Hello        accepted: host \"\(hello.hostID)\", \(hello.buildInfo.package) \(hello.buildInfo.packageVersion) "
                + "(\(hello.buildInfo.langVersion)) on \(hello.osInfo.os)/\(hello.osInfo.kernelArch), connector \"\(hello.connectorMetadata.displayName)\""
        )

        let helloTask = conductorOne.enqueueHello()
        try await conductorOne.waitForCalls(count: 1) { $0.rpc == "Hello" && $0.taskId == helloTask }
        say("2. hello task   answered with a fresh Hello (no FinishTask, as the protocol wants)")

        let sync = conductorOne.enqueueSyncFull()
        let bytes = try await conductorOne.waitForUpload(taskId: sync)
        let syncFinish = try await conductorOne.waitForFinish(taskId: sync)
        let upload = try require(conductorOne.upload(taskId: sync), "no upload")
        let path = folder + "/uploaded.c1z"
        try bytes.write(to: URL(fileURLWithPath: path))
        let file = try C1ZReader(path: path)
        defer { file.close() }
        say(
            "3. sync_full    \(outcome(syncFinish)): uploaded \(bytes.count) bytes in \(upload.chunkCount) chunk(s), checksum verified; "
                + "\(try file.resources().count) resources, \(try file.entitlements().count) entitlements, \(try file.grants().count) grants, "
                + "\(conductorOne.heartbeatCount(taskId: sync)) heartbeat(s)")

        // ConductorOne builds provisioning tasks from what we uploaded; so does the demo.
        let group = try require(workspace.groups.first, "no group")
        let user = try require(workspace.users.first { !group.members.contains($0.id) }, "everyone is in \(group.name)")
        var entitlement = try require(
            try file.entitlements(
                resource: C1_Connector_V2_ResourceId.with {
                    $0.resourceType = "group"; $0.resource = group.id
                }
            ).first { $0.slug == "member" }, "no membership entitlement")
        entitlement.resource = try require(try file.resources(ofType: "group").first { $0.id.resource == group.id }, "no group")
        let principal = try require(try file.resources(ofType: "user").first { $0.id.resource == user.id }, "no user")
        let grantTask = conductorOne.enqueueGrant(entitlement: entitlement, principal: principal)
        let grantFinish = try await conductorOne.waitForFinish(taskId: grantTask)
        let joined = await simulator.snapshot().groups.first { $0.id == group.id }?.members.contains(user.id) == true
        say(
            "4. grant        \(outcome(grantFinish)): \(user.name) <\(user.email)> joins group \"\(group.name)\"; "
                + "Segment now \(joined ? "lists" : "does NOT list") them as a member")

        var grant =
            try C1_Connector_V2_GrantManagerServiceGrantResponse(unpackingAny: grantFinish.success.response).grants.first
            ?? C1_Connector_V2_Grant()
        grant.entitlement = entitlement
        grant.principal = principal
        let revokeTask = conductorOne.enqueueRevoke(grant: grant)
        let revokeFinish = try await conductorOne.waitForFinish(taskId: revokeTask)
        let stillThere = await simulator.snapshot().groups.first { $0.id == group.id }?.members.contains(user.id) == true
        say(
            "5. revoke       \(outcome(revokeFinish)): \(user.name) leaves \"\(group.name)\"; "
                + "Segment \(stillThere ? "still lists" : "no longer lists") them")

        let unknown = conductorOne.enqueueUnknownTaskType()
        say("6. unknown type \(outcome(try await conductorOne.waitForFinish(taskId: unknown)))")
    }

    private func outcome(_ finish: C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest) -> String {
        switch finish.finalState {
        case .success?: "finished: success"
        case .error(let error)?: "finished: error \"\(finish.status.message)\"\(error.nonRetryable ? " (not to be retried)" : "")"
        case nil: "finished without a state"
        }
    }
}

struct DemoFailure: Error, CustomStringConvertible {
    var description: String
}

/// `value`, or a readable failure: the demo explains what went wrong instead of crashing.
func `require`<T>(_ value: T?, _ what: @autoclosure () -> String) throws -> T {
    guard let value else { throw DemoFailure(description: what()) }
    return value
}
