import BatonServiceProto
import Logging
import SwiftProtobuf

/// Why a long task stopped being worth finishing.
struct HeartbeatStop: Error, Sendable, CustomStringConvertible {
    var description: String
}

/// Keeps ConductorOne told that a long task (a sync) is alive: a heartbeat at once, then every
/// `next_heartbeat`. Returns (throws ``HeartbeatStop``) only when ConductorOne cancels the task or
/// ten heartbeats in a row fail; cancel the surrounding task to stop it otherwise.
struct Heartbeats: Sendable {
    static let maxConsecutiveFailures = 10
    let connection: ConductorOneConnection
    let hostId: String
    let taskId: String
    let initialInterval: Duration
    let logger: Logger

    func run() async throws -> Never {
        var interval = initialInterval
        var failures = 0
        while true {
            try Task.checkCancellation()
            do {
                let response = try await connection.heartbeat(hostId: hostId, taskId: taskId)
                failures = 0
                if response.cancelled { throw HeartbeatStop(description: "ConductorOne cancelled the task") }
                if response.hasNextHeartbeat { interval = PollTiming.heartbeatInterval(response.nextHeartbeat) }
            } catch let stop as HeartbeatStop {
                throw stop
            } catch {
                if Task.isCancelled { throw CancellationError() }
                failures += 1
                logger.warning(
                    "heartbeat failed",
                    metadata: [
                        "task_id": .string(taskId), "consecutive_failures": .stringConvertible(failures),
                        "error": .string(TaskFailure(error).message),
                    ])
                if failures >= Self.maxConsecutiveFailures {
                    throw HeartbeatStop(description: "\(failures) heartbeats in a row failed")
                }
            }
            try await Task.sleep(for: interval)
        }
    }
}

/// The intervals ConductorOne asks for, clamped to what the SDK accepts.
enum PollTiming {
    static let defaultHeartbeat = Duration.seconds(30)

    /// `next_poll`, between 0 and 5 minutes.
    static func pollInterval(_ value: Google_Protobuf_Duration?) -> Duration {
        guard let value else { return .seconds(1) }
        return clamp(value, .zero, .seconds(300))
    }

    /// `next_heartbeat`, between 1 second and 5 minutes (30 s when absent).
    static func heartbeatInterval(_ value: Google_Protobuf_Duration?) -> Duration {
        guard let value, value.seconds != 0 || value.nanos != 0 else { return defaultHeartbeat }
        return clamp(value, .seconds(1), .seconds(300))
    }

    /// Back-off after `failures` failed polls in a row: n² seconds, at most a minute.
    static func pollBackoff(failures: Int) -> Duration {
        .seconds(min(failures * failures, 60))
    }

    /// Back-off before the `attempt`-th Hello: 1 s doubling to 5 minutes.
    static func helloBackoff(attempt: Int) -> Duration {
        .seconds(min(1 << min(attempt - 1, 9), 300))
    }

    private static func clamp(_ value: Google_Protobuf_Duration, _ low: Duration, _ high: Duration) -> Duration {
        let duration = Duration.seconds(value.seconds) + .nanoseconds(Int64(value.nanos))
        return min(max(duration, low), high)
    }
}
