import BatonKit
import BatonServiceProto
import Logging
import SwiftProtobuf

/// Runs one task handed out by ConductorOne and finishes it the way the protocol expects for its
/// type: `hello` is answered with a Hello, `none` needs nothing, everything else gets exactly one
/// FinishTask (unless it was cancelled or abandoned on shutdown).
struct TaskExecutor: Sendable {
    let connector: any Connector
    let connection: ConductorOneConnection
    let identity: HostIdentity
    let configuration: ServiceModeConfiguration
    let greeter: Greeter
    let logger: Logger

    /// What ran, for logs and tests: the task's type name and how it ended.
    @discardableResult
    func run(_ task: C1_Connectorapi_Baton_V1_Task, nextHeartbeat: Duration) async -> TaskOutcome {
        var log = logger
        log[metadataKey: "task_id"] = .string(task.id)
        log[metadataKey: "task_type"] = .string(Self.typeName(task))
        let provisioning = ProvisioningTaskRunner(connector: connector, provisioningEnabled: configuration.provisioning, logger: log)
        log.info("task started")

        let outcome: TaskOutcome
        switch task.taskType {
        case .none?:
            return .unfinished(reason: "nothing to do")
        case .hello?:
            do {
                try await greeter.hello(taskId: task.id)
                outcome = .unfinished(reason: "answered with Hello")
            } catch {
                outcome = .unfinished(reason: "Hello failed: \(TaskFailure(error).message)")
            }
            log.info("task done", metadata: ["outcome": .string(Self.describe(outcome))])
            return outcome
        case .syncFull(let spec)?:
            outcome = await FullSyncTaskRunner(
                connector: connector, connection: connection, hostId: identity.hostId,
                settings: configuration, logger: log
            )
            .run(taskId: task.id, spec: spec, heartbeat: nextHeartbeat)
        case .grant(let spec)?: outcome = await provisioning.grant(spec)
        case .revoke(let spec)?: outcome = await provisioning.revoke(spec)
        case .createAccount(let spec)?: outcome = await provisioning.createAccount(spec)
        case .createResource(let spec)?: outcome = await provisioning.createResource(spec)
        case .deleteResource(let spec)?: outcome = await provisioning.deleteResource(spec)
        case .eventFeed(let spec)?: outcome = await EventFeedTaskRunner(connector: connector, logger: log).eventFeed(spec)
        case .listEventFeeds(let spec)?: outcome = await EventFeedTaskRunner(connector: connector, logger: log).listEventFeeds(spec)
        case .listEvents(let spec)?: outcome = await EventFeedTaskRunner(connector: connector, logger: log).listEvents(spec)
        default:
            // Ticketing, actions, credential rotation, diffs, compaction, or a kind
            // newer than our protos: nothing here can serve it, so asking again cannot help.
            outcome = .failure(TaskFailure(.unimplemented, "unsupported task type", nonRetryable: true))
        }
        await finish(task.id, outcome, logger: log)
        log.info("task done", metadata: ["outcome": .string(Self.describe(outcome))])
        return outcome
    }

    private func finish(_ taskId: String, _ outcome: TaskOutcome, logger: Logger) async {
        var request = C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest()
        request.hostID = identity.hostId
        request.taskID = taskId
        switch outcome {
        case .unfinished:
            return
        case .success(let response, let annotations):
            var success = C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest.Success()
            success.annotations = annotations
            if let response { success.response = response }
            request.success = success
        case .failure(let failure):
            var error = C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest.Error()
            error.nonRetryable = failure.nonRetryable
            request.error = error
            request.status = failure.status
        }
        // A lost FinishTask would leave ConductorOne waiting on a task already done: retry a few
        // times on failure, in a task of its own so shutdown does not cut it off.
        let connection = self.connection
        await Task {
            for attempt in 1...3 {
                do {
                    try await connection.finishTask(request)
                    return
                } catch {
                    logger.warning(
                        "FinishTask failed",
                        metadata: ["attempt": .stringConvertible(attempt), "error": .string(TaskFailure(error).message)])
                    if attempt < 3 { try? await Task.sleep(for: .seconds(attempt)) }
                }
            }
        }.value
    }

    static func typeName(_ task: C1_Connectorapi_Baton_V1_Task) -> String {
        switch task.taskType {
        case nil: "unknown"
        case .none?: "none"
        case .hello?: "hello"
        case .syncFull?: "sync_full"
        case .grant?: "grant"
        case .revoke?: "revoke"
        case .createAccount?: "create_account"
        case .createResource?: "create_resource"
        case .deleteResource?: "delete_resource"
        case .rotateCredentials?: "rotate_credentials"
        case .eventFeed?: "event_feed"
        case .listEventFeeds?: "list_event_feeds"
        case .listEvents?: "list_events"
        default: "unsupported"
        }
    }

    static func describe(_ outcome: TaskOutcome) -> String {
        switch outcome {
        case .success: "finished: success"
        case .failure(let failure): "finished: error \(failure.code) (\(failure.message))"
        case .unfinished(let reason): "not finished: \(reason)"
        }
    }
}
