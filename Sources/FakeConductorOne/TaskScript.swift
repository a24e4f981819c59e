import BatonProto
import BatonServiceProto
import Foundation
import SwiftProtobuf

/// Builders for the tasks a test scripts, each with a fresh id.
///
/// ConductorOne's task ids are KSUIDs (27 base62 characters) and the connector checks that
/// shape, so the ids made here have it too.
package enum TaskScript {
    private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// A new random 27-character alphanumeric task id.
    package static func newTaskId() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<27).map { _ in base62[Int.random(in: 0..<base62.count, using: &generator)] })
    }

    /// Whether `id` has the shape of a ConductorOne task id.
    package static func isTaskId(_ id: String) -> Bool {
        id.count == 27 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// A task with a fresh id and the given kind.
    package static func task(_ kind: C1_Connectorapi_Baton_V1_Task.OneOf_TaskType?) -> C1_Connectorapi_Baton_V1_Task {
        var task = C1_Connectorapi_Baton_V1_Task()
        task.id = newTaskId()
        task.status = .pending
        task.taskType = kind
        return task
    }

    /// A full sync; `configure` sets its flags (skip grants, targeted resources...).
    package static func syncFull(
        configure: (inout C1_Connectorapi_Baton_V1_Task.SyncFullTask) -> Void = { _ in }
    ) -> C1_Connectorapi_Baton_V1_Task {
        var sync = C1_Connectorapi_Baton_V1_Task.SyncFullTask()
        configure(&sync)
        return task(.syncFull(sync))
    }

    /// A grant of `entitlement` to `principal`.
    package static func grant(
        entitlement: C1_Connector_V2_Entitlement,
        principal: C1_Connector_V2_Resource
    ) -> C1_Connectorapi_Baton_V1_Task {
        var grant = C1_Connectorapi_Baton_V1_Task.GrantTask()
        grant.entitlement = entitlement
        grant.principal = principal
        return task(.grant(grant))
    }

    /// A revocation of `grant`.
    package static func revoke(grant: C1_Connector_V2_Grant) -> C1_Connectorapi_Baton_V1_Task {
        var revoke = C1_Connectorapi_Baton_V1_Task.RevokeTask()
        revoke.grant = grant
        return task(.revoke(revoke))
    }

    /// An account creation.
    package static func createAccount(
        accountInfo: C1_Connector_V2_AccountInfo,
        credentialOptions: C1_Connector_V2_CredentialOptions? = nil,
        encryptionConfigs: [C1_Connector_V2_EncryptionConfig] = [],
        resourceTypeId: String = ""
    ) -> C1_Connectorapi_Baton_V1_Task {
        var create = C1_Connectorapi_Baton_V1_Task.CreateAccountTask()
        create.accountInfo = accountInfo
        if let credentialOptions { create.credentialOptions = credentialOptions }
        create.encryptionConfigs = encryptionConfigs
        create.resourceTypeID = resourceTypeId
        return task(.createAccount(create))
    }

    /// A resource creation.
    package static func createResource(_ resource: C1_Connector_V2_Resource) -> C1_Connectorapi_Baton_V1_Task {
        var create = C1_Connectorapi_Baton_V1_Task.CreateResourceTask()
        create.resource = resource
        return task(.createResource(create))
    }

    /// A resource deletion.
    package static func deleteResource(
        resourceId: C1_Connector_V2_ResourceId,
        parentResourceId: C1_Connector_V2_ResourceId? = nil
    ) -> C1_Connectorapi_Baton_V1_Task {
        var delete = C1_Connectorapi_Baton_V1_Task.DeleteResourceTask()
        delete.resourceID = resourceId
        if let parentResourceId { delete.parentResourceID = parentResourceId }
        return task(.deleteResource(delete))
    }

    /// The field number used by ``unknownKind()``: past every task type our protos declare
    /// (they end at 123), as a newer ConductorOne might send.
    package static let unknownTaskTypeFieldNumber = 150

    /// A task whose type is a field our protos do not know, so it decodes with no `task_type`
    /// and the bytes kept as unknown fields, which are sent on as they came.
    package static func unknownKind() -> C1_Connectorapi_Baton_V1_Task {
        var known = C1_Connectorapi_Baton_V1_Task()
        known.id = newTaskId()
        known.status = .pending
        // Field 150, wire type 2 (length-delimited), an empty message: tag varint 0xB2 0x09, length 0.
        let tag = UInt32(unknownTaskTypeFieldNumber << 3 | 2)
        let unknownField: [UInt8] = [UInt8(tag & 0x7F | 0x80), UInt8(tag >> 7), 0x00]
        // Serialising a message with only scalar fields cannot fail; decoding what was just
        // encoded plus one well-formed field cannot either.
        let bytes = try! known.serializedBytes() as [UInt8]
        return try! C1_Connectorapi_Baton_V1_Task(serializedBytes: bytes + unknownField)
    }
}
