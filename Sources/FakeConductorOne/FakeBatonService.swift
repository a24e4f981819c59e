import BatonServiceProto
import Crypto
import Foundation
import GRPCCore
import Logging
import SwiftProtobuf

/// ConductorOne's side of `c1.connectorapi.baton.v1.BatonService`, answering from and writing
/// to the fake's record.
///
/// Each call passes, in order: the unavailable switch (UNAVAILABLE), the bearer token
/// (UNAUTHENTICATED), the request's validation rules (INVALID_ARGUMENT, NOT_FOUND for task ids
/// never enqueued, DATA_LOSS for an upload whose checksum does not match), and is then answered. Every call is recorded with its outcome.
struct FakeBatonService: C1_Connectorapi_Baton_V1_BatonService.ServiceProtocol {
    let record: SharedRecord
    /// Refusals are logged, so a connector test failing on one says why in the fake's log.
    let logger: Logger

    func hello(
        request: ServerRequest<C1_Connectorapi_Baton_V1_BatonServiceHelloRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<C1_Connectorapi_Baton_V1_BatonServiceHelloResponse> {
        let message = request.message
        return try answer("Hello", request.metadata, hostId: message.hostID, taskId: message.taskID) { record throws(RPCError) in
            try RequestValidation.hello(message)
            record.hellos.append(message)
            return C1_Connectorapi_Baton_V1_BatonServiceHelloResponse()
        }
    }

    func getTask(
        request: ServerRequest<C1_Connectorapi_Baton_V1_BatonServiceGetTaskRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<C1_Connectorapi_Baton_V1_BatonServiceGetTaskResponse> {
        let message = request.message
        return try answer("GetTask", request.metadata, hostId: message.hostID) { record throws(RPCError) in
            try RequestValidation.hostId(message.hostID)
            var response = C1_Connectorapi_Baton_V1_BatonServiceGetTaskResponse()
            if let task = record.popTask() {
                response.task = task
            }
            response.nextPoll = .init(record.nextPoll)
            response.nextHeartbeat = .init(record.nextHeartbeat)
            record.answeredGetTaskCount += 1
            return response
        }
    }

    func getTasks(
        request: ServerRequest<C1_Connectorapi_Baton_V1_BatonServiceGetTasksRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<C1_Connectorapi_Baton_V1_BatonServiceGetTasksResponse> {
        let message = request.message
        return try answer("GetTasks", request.metadata, hostId: message.hostID) { record throws(RPCError) in
            try RequestValidation.getTasks(message)
            var response = C1_Connectorapi_Baton_V1_BatonServiceGetTasksResponse()
            while response.tasks.count < Int(message.pageSize), let task = record.popTask() {
                response.tasks.append(task)
            }
            response.nextPoll = .init(record.nextPoll)
            response.nextHeartbeat = .init(record.nextHeartbeat)
            return response
        }
    }

    func heartbeat(
        request: ServerRequest<C1_Connectorapi_Baton_V1_BatonServiceHeartbeatRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<C1_Connectorapi_Baton_V1_BatonServiceHeartbeatResponse> {
        let message = request.message
        return try answer("Heartbeat", request.metadata, hostId: message.hostID, taskId: message.taskID) { record throws(RPCError) in
            try RequestValidation.heartbeat(message)
            let taskIds = [message.taskID] + message.taskIds.filter { $0 != message.taskID }
            for id in taskIds {
                try Self.requireKnown(id, in: record)
            }
            for id in taskIds {
                record.heartbeatCounts[id, default: 0] += 1
            }
            var response = C1_Connectorapi_Baton_V1_BatonServiceHeartbeatResponse()
            response.nextHeartbeat = .init(record.nextHeartbeat)
            response.cancelled = record.cancelledTaskIds.contains(message.taskID)
            response.cancelledTaskIds = message.taskIds.filter { record.cancelledTaskIds.contains($0) }
            return response
        }
    }

    func finishTask(
        request: ServerRequest<C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<C1_Connectorapi_Baton_V1_BatonServiceFinishTaskResponse> {
        let message = request.message
        return try answer("FinishTask", request.metadata, hostId: message.hostID, taskId: message.taskID) { record throws(RPCError) in
            try RequestValidation.finishTask(message)
            try Self.requireKnown(message.taskID, in: record)
            record.finishes[message.taskID] = message
            return C1_Connectorapi_Baton_V1_BatonServiceFinishTaskResponse()
        }
    }

    func uploadAsset(
        request: StreamingServerRequest<C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<C1_Connectorapi_Baton_V1_BatonServiceUploadAssetResponse> {
        let metadata = request.metadata
        try answer("UploadAsset", metadata, recordAnswered: false) { _ throws(RPCError) in () }

        var receiver = UploadReceiver()
        var startedAt: Date?
        do {
            for try await message in request.messages {
                if startedAt == nil { startedAt = Date() }
                try receiver.receive(message, knownTaskIds: record.read { $0.knownTaskIds })
                if receiver.hasStarted, receiver.attemptCounted == false {
                    receiver.attemptCounted = true
                    record.update { $0.uploadAttempts[receiver.taskId, default: 0] += 1 }
                }
            }
            try receiver.finish()
        } catch {
            let rpcError = (error as? RPCError) ?? RPCError(code: .cancelled, message: "upload stream failed: \(error)")
            record.update { record in
                record.calls.append(
                    Self.call("UploadAsset", metadata, hostId: receiver.hostId, taskId: receiver.taskId, outcome: .refused(rpcError.code)))
            }
            logger.notice("refused UploadAsset", metadata: ["task_id": "\(receiver.taskId)", "error": "\(rpcError)"])
            throw rpcError
        }

        record.update { record in
            record.uploads[receiver.taskId] = Upload(
                bytes: receiver.bytes,
                chunkCount: receiver.chunkSizes.count,
                chunkSizes: receiver.chunkSizes,
                attempts: record.uploadAttempts[receiver.taskId, default: 1],
                startedAt: startedAt ?? Date(),
                endedAt: Date()
            )
            record.calls.append(Self.call("UploadAsset", metadata, hostId: receiver.hostId, taskId: receiver.taskId, outcome: .answered))
        }
        return ServerResponse(message: C1_Connectorapi_Baton_V1_BatonServiceUploadAssetResponse())
    }

    func startDebugging(
        request: ServerRequest<C1_Connectorapi_Baton_V1_StartDebuggingRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<C1_Connectorapi_Baton_V1_StartDebuggingResponse> {
        try answer("StartDebugging", request.metadata) { _ throws(RPCError) in
            C1_Connectorapi_Baton_V1_StartDebuggingResponse()
        }
    }

    // MARK: - Common path

    /// Runs `body` under the record's lock once the call passed the availability and token
    /// gates, and records the call with its outcome in the same step, so a waiter resumed by
    /// the change sees the call too.
    ///
    /// - Parameter recordAnswered: false for the opening check of a streaming call, which is
    ///   recorded when the stream ends; refusals are recorded at once either way.
    @discardableResult
    private func answer<Response: Sendable>(
        _ rpc: String,
        _ metadata: Metadata,
        hostId: String = "",
        taskId: String = "",
        recordAnswered: Bool = true,
        _ body: (inout ConductorOneRecord) throws(RPCError) -> Response
    ) throws -> ServerResponse<Response> {
        let now = Date()
        let outcome: Result<Response, RPCError> = record.update { record in
            let outcome: Result<Response, RPCError>
            if record.unavailable {
                outcome = .failure(RPCError(code: .unavailable, message: "the fake ConductorOne is set unavailable"))
            } else if let refusal = Self.authorizationRefusal(metadata, record: record, now: now) {
                outcome = .failure(refusal)
            } else {
                do throws(RPCError) {
                    outcome = .success(try body(&record))
                } catch {
                    outcome = .failure(error)
                }
            }
            switch outcome {
            case .success where recordAnswered:
                record.calls.append(Self.call(rpc, metadata, hostId: hostId, taskId: taskId, time: now, outcome: .answered))
            case .success:
                break
            case .failure(let error):
                record.calls.append(Self.call(rpc, metadata, hostId: hostId, taskId: taskId, time: now, outcome: .refused(error.code)))
            }
            return outcome
        }
        if case .failure(let error) = outcome {
            logger.notice("refused \(rpc)", metadata: ["host_id": "\(hostId)", "task_id": "\(taskId)", "error": "\(error)"])
        }
        return ServerResponse(message: try outcome.get())
    }

    /// Why the call's bearer token is not good, or nil when it is.
    private static func authorizationRefusal(_ metadata: Metadata, record: ConductorOneRecord, now: Date) -> RPCError? {
        guard let authorization = metadata[stringValues: "authorization"].first(where: { _ in true }) else {
            return RPCError(code: .unauthenticated, message: "no authorization metadata")
        }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0] == "Bearer" else {
            return RPCError(code: .unauthenticated, message: "authorization must be \"Bearer <token>\"")
        }
        guard record.isValid(token: String(parts[1]), now: now) else {
            return RPCError(code: .unauthenticated, message: "unknown or expired access token")
        }
        return nil
    }

    private static func requireKnown(_ taskId: String, in record: ConductorOneRecord) throws(RPCError) {
        guard record.knownTaskIds.contains(taskId) else {
            throw RPCError(code: .notFound, message: "no task \(taskId) was handed out")
        }
    }

    private static func call(
        _ rpc: String,
        _ metadata: Metadata,
        hostId: String,
        taskId: String,
        time: Date = Date(),
        outcome: RecordedCall.Outcome
    ) -> RecordedCall {
        RecordedCall(
            rpc: rpc,
            hostId: hostId,
            taskId: taskId,
            time: time,
            userAgent: metadata[stringValues: "user-agent"].first(where: { _ in true }),
            outcome: outcome
        )
    }
}

extension Google_Protobuf_Duration {
    /// The protobuf form of a Swift duration (sub-nanosecond parts dropped).
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(seconds: seconds, nanos: Int32(attoseconds / 1_000_000_000))
    }
}
