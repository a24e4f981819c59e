import BatonServiceProto
import Crypto
import Foundation
import Logging
import Synchronization

/// Sends a finished c1z to ConductorOne as one `UploadAsset` stream: metadata, the file in chunks
/// read from disk (so memory does not grow with the file), then the SHA-256 of the whole file.
/// A failed stream is started again from the beginning, up to three attempts in all.
struct AssetUploader: Sendable {
    typealias Message = C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest
    /// The SDK's chunk size; the protocol allows up to 1 MiB per message.
    static let chunkSize = 512 * 1024
    static let attempts = 3

    let connection: ConductorOneConnection
    let hostId: String
    let logger: Logger

    /// Uploads `path` for `taskId`; returns the bytes and chunks sent by the attempt that succeeded.
    @discardableResult
    func upload(path: String, taskId: String) async throws -> (bytes: Int, chunks: Int) {
        var lastError: (any Error)?
        for attempt in 1...Self.attempts {
            try Task.checkCancellation()
            do {
                return try await uploadOnce(path: path, taskId: taskId)
            } catch {
                lastError = error
                if error is CancellationError || Task.isCancelled { throw error }
                logger.warning(
                    "upload attempt failed",
                    metadata: [
                        "task_id": .string(taskId), "attempt": .stringConvertible(attempt),
                        "error": .string("\(TaskFailure(error).message)"),
                    ])
            }
        }
        throw lastError ?? CancellationError()
    }

    private func uploadOnce(path: String, taskId: String) async throws -> (bytes: Int, chunks: Int) {
        let hostId = self.hostId
        let totals = UploadTotals()
        try await connection.uploadAsset { writer in
            var metadata = Message()
            metadata.metadata.hostID = hostId
            metadata.metadata.taskID = taskId
            try await writer.write(metadata)

            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            var hasher = SHA256()
            var bytes = 0, chunks = 0
            while let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty {
                hasher.update(data: chunk)
                var data = Message()
                data.data.data = chunk
                try await writer.write(data)
                bytes += chunk.count
                chunks += 1
            }
            var eof = Message()
            eof.eof.sha256Checksum = Data(hasher.finalize())
            try await writer.write(eof)
            totals.set(bytes: bytes, chunks: chunks)
        }
        return totals.value
    }
}

/// What the upload stream's producer counted, read after the call returns.
private final class UploadTotals: Sendable {
    private let counts = Mutex((bytes: 0, chunks: 0))
    func set(bytes: Int, chunks: Int) { counts.withLock { $0 = (bytes, chunks) } }
    var value: (bytes: Int, chunks: Int) { counts.withLock { $0 } }
}
