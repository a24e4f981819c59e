import BatonKit
import BatonServiceProto
import Logging
import ServiceLifecycle

/// The service-mode loop: Hello, then GetTask over and over, running up to `taskConcurrency`
/// tasks at once. On graceful shutdown it stops polling, abandons running syncs (their files
/// are removed) and waits for provisioning writes in flight, then returns.
struct TaskPoller: Service {
    let greeter: Greeter
    let executor: TaskExecutor
    let connection: ConductorOneConnection
    let identity: HostIdentity
    let health: ServiceHealth
    let taskConcurrency: Int
    let logger: Logger

    func run() async throws {
        let inFlight = InFlightTasks(limit: taskConcurrency)
        do {
            try await cancelWhenGracefulShutdown {
                try await greeter.helloUntilAccepted()
                health.markHelloAccepted()
                try await poll(inFlight)
            }
        } catch  where error is CancellationError || Task.isShuttingDownGracefully {
            let running = await inFlight.count
            logger.info("stopping: no new tasks", metadata: ["tasks_in_flight": .stringConvertible(running)])
        } catch {
            await inFlight.stopAndWait()
            throw error
        }
        await inFlight.stopAndWait()
        logger.info("stopped")
    }

    private func poll(_ inFlight: InFlightTasks) async throws {
        var failures = 0
        while true {
            try await inFlight.waitForSlot()
            let response: C1_Connectorapi_Baton_V1_BatonServiceGetTaskResponse
            do {
                response = try await connection.getTask(hostId: identity.hostId)
                failures = 0
            } catch {
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                if ServiceErrors.credentialsRefused(error) { throw ServiceErrors.unwrap(error) }
                let failure = TaskFailure(ServiceErrors.unwrap(error))
                // A token refused before its time (revoked, clock skew): fetch a fresh one next time.
                if failure.code == .unauthenticated { await connection.tokens.invalidate() }
                failures += 1
                let wait = PollTiming.pollBackoff(failures: failures)
                logger.warning(
                    "GetTask failed; backing off",
                    metadata: [
                        "consecutive_failures": .stringConvertible(failures), "retry_in_s": .stringConvertible(wait.components.seconds),
                        "error": .string(failure.message),
                    ])
                try await Task.sleep(for: wait)
                continue
            }
            guard response.hasTask, !Self.isNone(response.task) else {
                try await Task.sleep(for: PollTiming.pollInterval(response.hasNextPoll ? response.nextPoll : nil))
                continue
            }
            let task = response.task
            let heartbeat = PollTiming.heartbeatInterval(response.hasNextHeartbeat ? response.nextHeartbeat : nil)
            let kind: InFlightTasks.Kind = if case .syncFull? = task.taskType { .abandonable } else { .mustComplete }
            let executor = self.executor
            await inFlight.start(kind) { await executor.run(task, nextHeartbeat: heartbeat) }
        }
    }

    private static func isNone(_ task: C1_Connectorapi_Baton_V1_Task) -> Bool {
        if case .none? = task.taskType { return true }
        // A task with neither an id nor a type is an empty answer, not an unknown kind.
        return task.taskType == nil && task.id.isEmpty && task.unknownFields.data.isEmpty
    }
}
