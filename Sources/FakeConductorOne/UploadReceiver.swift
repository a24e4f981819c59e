import BatonServiceProto
import Crypto
import Foundation
import GRPCCore

/// Checks and gathers one `UploadAsset` stream: metadata first, then 1..n data messages of
/// 1 B–1 MiB, then an EOF whose SHA-256 must match the bytes.
struct UploadReceiver {
    static let maximumChunkSize = 1 << 20

    private(set) var hostId = ""
    private(set) var taskId = ""
    private(set) var bytes = Data()
    private(set) var chunkSizes: [Int] = []
    private var sawEOF = false
    /// Whether the attempt was counted against its task (done once the metadata is accepted).
    var attemptCounted = false

    /// Whether the metadata message has been accepted.
    var hasStarted: Bool { !taskId.isEmpty }

    mutating func receive(
        _ message: C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest,
        knownTaskIds: Set<String>
    ) throws(RPCError) {
        guard !sawEOF else { throw RequestValidation.invalid("no message may follow eof") }
        switch message.msg {
        case nil:
            throw RequestValidation.invalid("msg (metadata, data or eof) is required")
        case .metadata(let metadata)?:
            guard !hasStarted else { throw RequestValidation.invalid("metadata may only be the first message") }
            try RequestValidation.hostId(metadata.hostID)
            try RequestValidation.taskId(metadata.taskID)
            guard knownTaskIds.contains(metadata.taskID) else {
                throw RPCError(code: .notFound, message: "no task \(metadata.taskID) was handed out")
            }
            hostId = metadata.hostID
            taskId = metadata.taskID
        case .data(let data)?:
            guard hasStarted else { throw RequestValidation.invalid("the first message must be metadata") }
            guard (1...Self.maximumChunkSize).contains(data.data.count) else {
                throw RequestValidation.invalid("data must be 1 B–1 MiB per message, got \(data.data.count) B")
            }
            bytes.append(data.data)
            chunkSizes.append(data.data.count)
        case .eof(let eof)?:
            guard hasStarted else { throw RequestValidation.invalid("the first message must be metadata") }
            guard !chunkSizes.isEmpty else { throw RequestValidation.invalid("eof before any data") }
            guard eof.sha256Checksum.count == SHA256.byteCount else {
                throw RequestValidation.invalid("sha256_checksum must be 32 bytes, got \(eof.sha256Checksum.count)")
            }
            guard Data(SHA256.hash(data: bytes)) == eof.sha256Checksum else {
                throw RPCError(code: .dataLoss, message: "sha256_checksum does not match the uploaded bytes")
            }
            sawEOF = true
        }
    }

    /// Called when the client closed its side of the stream.
    func finish() throws(RPCError) {
        guard sawEOF else { throw RequestValidation.invalid("the stream ended without eof") }
    }
}
