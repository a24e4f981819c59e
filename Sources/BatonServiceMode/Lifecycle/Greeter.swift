import BatonKit
import BatonServiceProto
import GRPCCore
import Logging

/// Says `Hello`: who we are (host, build, OS) and what the connector is (its metadata with
/// capabilities), at start-up and whenever ConductorOne hands out a `hello` task.
struct Greeter: Sendable {
    let connector: any Connector
    let connection: ConductorOneConnection
    let identity: HostIdentity
    let logger: Logger

    /// Codes after which another Hello cannot succeed: the process stops.
    static let finalCodes: Set<BatonStatusCode> = [
        .unauthenticated, .permissionDenied, .invalidArgument, .unimplemented, .failedPrecondition, .notFound,
    ]

    /// One Hello, answering the task `taskId` ("" at start-up).
    func hello(taskId: String) async throws {
        var request = C1_Connectorapi_Baton_V1_BatonServiceHelloRequest()
        request.hostID = identity.hostId
        request.taskID = taskId
        request.buildInfo = identity.buildInfo
        request.osInfo = identity.osInfo
        request.connectorMetadata = try await Capabilities.metadata(connector)
        _ = try await connection.hello(request)
    }

    /// The start-up Hello, tried until it is accepted with back-off from 1 s doubling to 5
    /// minutes; gives up at once on a code no retry can fix.
    func helloUntilAccepted() async throws {
        var attempt = 0
        while true {
            attempt += 1
            do {
                try await hello(taskId: "")
                logger.info("connected to ConductorOne", metadata: ["host_id": .string(identity.hostId)])
                return
            } catch {
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                if ServiceErrors.credentialsRefused(error) { throw ServiceErrors.unwrap(error) }
                let failure = TaskFailure(ServiceErrors.unwrap(error))
                if Self.finalCodes.contains(failure.code) {
                    throw BatonError(failure.code, "ConductorOne refused Hello: \(failure.message)")
                }
                let wait = PollTiming.helloBackoff(attempt: attempt)
                logger.warning(
                    "Hello failed; retrying",
                    metadata: [
                        "attempt": .stringConvertible(attempt), "retry_in_s": .stringConvertible(wait.components.seconds),
                        "error": .string(failure.message),
                    ])
                try await Task.sleep(for: wait)
            }
        }
    }
}

/// Errors as they come out of a gRPC call: interceptor errors (our token source) may arrive
/// wrapped in an `RPCError`; the cause is what decides.
enum ServiceErrors {
    static func unwrap(_ error: any Error) -> any Error {
        if let rpc = error as? RPCError, let cause = rpc.cause, cause is any BatonStatusError { return cause }
        return error
    }

    /// True when ConductorOne refused our credentials themselves (not just one token).
    static func credentialsRefused(_ error: any Error) -> Bool {
        (unwrap(error) as? BatonError)?.code == .unauthenticated
    }
}
