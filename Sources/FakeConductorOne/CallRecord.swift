import BatonServiceProto
import Foundation
import GRPCCore

/// One BatonService call as the fake saw it.
public struct RecordedCall: Sendable, Equatable {
    /// How the fake answered.
    public enum Outcome: Sendable, Equatable {
        /// A response was sent.
        case answered
        /// The call failed with this status code (unauthenticated, invalid argument, unavailable...).
        case refused(RPCError.Code)
    }

    /// The method name as in the proto service: `Hello`, `GetTask`, `Heartbeat`, `UploadAsset`,
    /// `FinishTask`, `GetTasks`, `StartDebugging`.
    public let rpc: String
    /// The request's `host_id` ("" when the method has none or it was not sent).
    public let hostId: String
    /// The request's `task_id` ("" when the method has none or it was not sent).
    public let taskId: String
    /// When the call arrived.
    public let time: Date
    /// The `user-agent` metadata, if any.
    public let userAgent: String?
    /// How the fake answered.
    public let outcome: Outcome

    /// Whether the fake answered with a response.
    public var wasAnswered: Bool { outcome == .answered }
}

/// One request to the token endpoint.
public struct TokenRequestRecord: Sendable, Equatable {
    /// When it arrived.
    public let time: Date
    /// Whether a token was issued.
    public let accepted: Bool
    /// Why not, when it was refused.
    public let rejection: TokenRequestRejection?
}

/// The last good upload of a task's asset (its c1z), and how it arrived.
public struct Upload: Sendable, Equatable {
    /// The whole asset, checksum verified.
    public let bytes: Data
    /// How many data messages carried it.
    public let chunkCount: Int
    /// The size of each data message, in order.
    public let chunkSizes: [Int]
    /// The largest data message.
    public var maxChunkSize: Int { chunkSizes.max() ?? 0 }
    /// The `UploadAsset` calls naming this task up to and including this good one (failed ones
    /// included); ``FakeConductorOne/uploadAttempts(taskId:)`` also counts later ones.
    public let attempts: Int
    /// When this attempt's first message (the metadata) arrived, and when its stream ended: the
    /// upload's transfer time (the benchmark's bound for service mode counts it).
    public let startedAt: Date
    public let endedAt: Date
}
