import BatonKit
import BatonServiceProto
import GRPCCore
import SwiftProtobuf

/// How a task ended, and so what (if anything) ``TaskExecutor`` tells ConductorOne.
enum TaskOutcome: Sendable {
    /// Finished: `response` is the connector's answer in an `Any` (none for a sync).
    case success(response: Google_Protobuf_Any?, annotations: [Google_Protobuf_Any])
    /// Finished as an error; `nonRetryable` tells ConductorOne not to hand it out again.
    case failure(TaskFailure)
    /// Not finished: ConductorOne cancelled it, the process is shutting down, or the task (a
    /// `hello`) is answered by another call.
    case unfinished(reason: String)
}

/// A task's error as ConductorOne receives it: a gRPC status and whether a retry could help.
struct TaskFailure: Error, Sendable {
    var code: BatonStatusCode
    var message: String
    var nonRetryable: Bool

    init(_ code: BatonStatusCode, _ message: String, nonRetryable: Bool) {
        self.code = code
        self.message = message
        self.nonRetryable = nonRetryable
    }

    /// Any error, with the code the one-shot exit codes use. Mistakes in what was asked and
    /// missing permissions are final; outages and rate limits are worth another try.
    init(_ error: any Error, nonRetryable: Bool? = nil) {
        if let failure = error as? TaskFailure { self = failure; return }
        let code: BatonStatusCode
        if let rpc = error as? RPCError {
            code = BatonStatusCode(rawValue: Int32(rpc.code.rawValue)) ?? .unknown
        } else {
            code = BatonStatusCode.of(error)
        }
        let text = (error as? RPCError)?.message ?? String(describing: error)
        self.code = code
        self.message = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "error"
        self.nonRetryable = nonRetryable ?? Self.finalCodes.contains(code)
    }

    static let finalCodes: Set<BatonStatusCode> = [
        .invalidArgument, .notFound, .alreadyExists, .permissionDenied, .failedPrecondition,
        .outOfRange, .unimplemented, .unauthenticated,
    ]

    var status: Google_Rpc_Status {
        var status = Google_Rpc_Status()
        status.code = code.rawValue
        status.message = message
        return status
    }
}
