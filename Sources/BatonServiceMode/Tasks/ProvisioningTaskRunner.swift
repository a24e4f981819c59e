import BatonKit
import BatonServiceProto
import Logging
import SwiftProtobuf

/// The provisioning tasks (grant, revoke, create_account, create_resource, delete_resource): each
/// checks the task is whole, calls the connector as one-shot provisioning does, and answers with
/// the same response message in an `Any`. The write itself runs in its own task, so shutting down
/// never cuts a Segment write half-way; the process waits for it instead.
struct ProvisioningTaskRunner: Sendable {
    let connector: any Connector
    let provisioningEnabled: Bool
    let logger: Logger

    func grant(_ task: C1_Connectorapi_Baton_V1_Task.GrantTask) async -> TaskOutcome {
        await outcome {
            guard task.hasEntitlement, !task.entitlement.id.isEmpty else { throw Self.malformed("grant task has no entitlement") }
            guard task.entitlement.hasResource, !task.entitlement.resource.id.resourceType.isEmpty else {
                throw Self.malformed("grant task's entitlement has no resource")
            }
            guard task.hasPrincipal, !task.principal.id.resource.isEmpty else { throw Self.malformed("grant task has no principal") }
            let provisioner = try connector.requireGrantProvisioner(for: task.entitlement.resource.id.resourceType)
            logger.info(
                "granting", metadata: ["entitlement_id": .string(task.entitlement.id), "principal": .string(task.principal.id.key)])
            let result = try await Self.uninterrupted {
                try await provisioner.grant(principal: task.principal, entitlement: task.entitlement)
            }
            var response = C1_Connector_V2_GrantManagerServiceGrantResponse()
            response.grants = result.grants
            response.annotations = result.annotations
            return (try Google_Protobuf_Any(message: response), result.annotations)
        }
    }

    func revoke(_ task: C1_Connectorapi_Baton_V1_Task.RevokeTask) async -> TaskOutcome {
        await outcome {
            guard task.hasGrant, !task.grant.id.isEmpty else { throw Self.malformed("revoke task has no grant") }
            let grant = task.grant
            guard grant.hasEntitlement, grant.entitlement.hasResource, !grant.entitlement.resource.id.resourceType.isEmpty else {
                throw Self.malformed("revoke task's grant has no entitlement resource")
            }
            guard grant.hasPrincipal, !grant.principal.id.resource.isEmpty else {
                throw Self.malformed("revoke task's grant has no principal")
            }
            let provisioner = try connector.requireGrantProvisioner(for: grant.entitlement.resource.id.resourceType)
            logger.info("revoking", metadata: ["grant_id": .string(grant.id)])
            let annotations = try await Self.uninterrupted { try await provisioner.revoke(grant: grant) }
            var response = C1_Connector_V2_GrantManagerServiceRevokeResponse()
            response.annotations = annotations
            return (try Google_Protobuf_Any(message: response), annotations)
        }
    }

    func createAccount(_ task: C1_Connectorapi_Baton_V1_Task.CreateAccountTask) async -> TaskOutcome {
        await outcome {
            guard task.hasAccountInfo else { throw Self.malformed("create_account task has no account info") }
            let typeId = try connector.accountType(task.resourceTypeID, flag: "the task's resource_type_id")
            let manager = try connector.requireAccountManager(for: typeId)
            var requested = task.credentialOptions
            if requested.options == nil { requested.noPassword = C1_Connector_V2_CredentialOptions.NoPassword() }
            let options = requested
            logger.info("creating account", metadata: ["resource_type": .string(typeId)])
            let response = try await Self.uninterrupted {
                try await manager.createAccount(accountInfo: task.accountInfo, credentialOptions: options)
            }
            return (try Google_Protobuf_Any(message: response), response.annotations)
        }
    }

    func createResource(_ task: C1_Connectorapi_Baton_V1_Task.CreateResourceTask) async -> TaskOutcome {
        await outcome {
            guard task.hasResource, !task.resource.id.resourceType.isEmpty else {
                throw Self.malformed("create_resource task has no resource type")
            }
            let creator = try connector.requireResourceCreator(for: task.resource.id.resourceType)
            logger.info("creating resource", metadata: ["resource_type": .string(task.resource.id.resourceType)])
            let response = try await Self.uninterrupted { try await creator.createResource(task.resource) }
            return (try Google_Protobuf_Any(message: response), response.annotations)
        }
    }

    func deleteResource(_ task: C1_Connectorapi_Baton_V1_Task.DeleteResourceTask) async -> TaskOutcome {
        await outcome {
            guard task.hasResourceID, !task.resourceID.resourceType.isEmpty, !task.resourceID.resource.isEmpty else {
                throw Self.malformed("delete_resource task has no resource id")
            }
            let deleter = try connector.requireResourceDeleter(for: task.resourceID.resourceType, flag: "the task's resource_id")
            logger.info("deleting resource", metadata: ["resource": .string(task.resourceID.key)])
            let annotations = try await Self.uninterrupted { try await deleter.delete(resourceId: task.resourceID) }
            var response = C1_Connector_V2_DeleteResourceResponse()
            response.annotations = annotations
            return (try Google_Protobuf_Any(message: response), annotations)
        }
    }

    /// Runs `body` when provisioning is enabled and turns its answer or error into an outcome.
    /// Provisioning errors are final, as in the SDK: ConductorOne decides whether to ask again.
    private func outcome(_ body: () async throws -> (Google_Protobuf_Any, [Annotation])) async -> TaskOutcome {
        guard provisioningEnabled else {
            return .failure(TaskFailure(.failedPrecondition, "provisioning is not enabled", nonRetryable: true))
        }
        do {
            let (response, annotations) = try await body()
            return .success(response: response, annotations: Array(annotations.prefix(16)))
        } catch {
            let failure = TaskFailure(error, nonRetryable: true)
            logger.error(
                "provisioning task failed",
                metadata: ["error": .string(failure.message), "code": .stringConvertible(failure.code.rawValue)])
            return .failure(failure)
        }
    }

    private static func malformed(_ message: String) -> TaskFailure {
        TaskFailure(.invalidArgument, "malformed task: \(message)", nonRetryable: true)
    }

    /// Runs `write` in a task of its own: cancelling the caller (shutdown) does not cancel it.
    private static func uninterrupted<T: Sendable>(_ write: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task { try await write() }.value
    }
}
