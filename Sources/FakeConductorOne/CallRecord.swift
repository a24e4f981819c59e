import BatonServiceProto
import Foundation
import GRPCCore

/// One BatonService call as the fake saw it.
package struct RecordedCall: Sendable, Equatable {
    /// How the fake answered.
    package enum Outcome: Sendable, Equatable {
        /// A response was sent.
        case answered
        /// The call failed with this status code (unauthenticated, invalid argument, unavailable...).
        case refused(RPCError.Code)
    }

    /// The method name as in the proto service: `Hello`, `GetTask`, `Heartbeat`, `UploadAsset`,
    /// `FinishTask`, `GetTasks`, `StartDebugging`.
    package let rpc: String
    /// The request's `host_id` ("" when the method has none or it was not sent).
    package let hostId: String
    /// The request's `task_id` ("" when the method has none or it was not sent).
    package let taskId: String
    /// When the call arrived.
    package let time: Date
    /// The `user-agent` metadata, if any.
    package let userAgent: String?
    /// How the fake answered.
    package let outcome: Outcome

    /// Whether the fake answered with a response.
    package var wasAnswered: Bool { outcome == .answered }
}

/// One request to the token endpoint.
package struct TokenRequestRecord: Sendable, Equatable {
    /// When it arrived.
    package let time: Date
    /// Whether a token was issued.
    package let accepted: Bool
    /// Why not, when it was refused.
    package let rejection: TokenRequestRejection?
}

/// The last good upload of a task's asset (its c1z), and how it arrived.
package struct Upload: Sendable, Equatable {
    /// The whole asset, checksum verified.
    package let bytes: Data
    /// How many data messages carried it.
    package let chunkCount: Int
    /// The size of each data message, in order.
    package let chunkSizes: [Int]
    /// The largest data message.
    package var maxChunkSize: Int { chunkSizes.max() ?? 0 }
    /// The `UploadAsset` calls naming this task up to and including this good one (failed ones
    /// included); ``FakeConductorOne/uploadAttempts(taskId:)`` also counts later ones.
    package let attempts: Int
    /// When this attempt's first message (the metadata) arrived, and when its stream ended: the
    /// upload's transfer time (the benchmark's bound for service mode counts it).
    package let startedAt: Date
    package let endedAt: Date
}
