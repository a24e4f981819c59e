import BatonKit
import BatonServiceProto
import BatonStore
import Foundation
import Logging

/// A `sync_full` task: heartbeats while a full sync (or, with `targeted_sync_resources`, a partial
/// sync of just those resources) is written into a temporary c1z under the temporary directory,
/// then the upload, then (by the caller) FinishTask. A task cancelled by ConductorOne or by ten
/// failed heartbeats abandons the sync and removes its files; on shutdown the sync stops with its
/// working copy kept, so the same task handed out again (to this host, restarted) resumes it.
/// Neither is finished.
///
/// The temporary c1z has one stable name per connector (its client id), so when a process is
/// killed mid-sync the next `sync_full` of the same connector finds the unfinished sync's
/// working copy and resumes it. A second `sync_full` while one runs uses a name of its own.
struct FullSyncTaskRunner: Sendable {
    let connector: any Connector
    let connection: ConductorOneConnection
    let hostId: String
    let settings: ServiceModeConfiguration
    let logger: Logger

    func run(taskId: String, spec: C1_Connectorapi_Baton_V1_Task.SyncFullTask, heartbeat: Duration) async -> TaskOutcome {
        var taskLogger = logger
        taskLogger[metadataKey: "task_id"] = .string(taskId)
        let log = taskLogger
        let (path, lock) = destination(taskId: taskId)
        let outcome = await syncAndUpload(path: path, lock: lock, taskId: taskId, spec: spec, heartbeat: heartbeat, logger: log)
        // Gone before anything is reported: nothing of an abandoned or failed sync stays behind
        // but the working copy a shutdown keeps for resuming.
        try? FileManager.default.removeItem(atPath: path)
        if case .unfinished(let reason) = outcome, reason != Self.shuttingDown {
            C1ZWriter.discardUnfinished(path: path, tempDirectory: settings.temporaryDirectory)
        }
        switch outcome {
        case .success: log.info("sync uploaded")
        case .failure(let failure): log.error("sync failed", metadata: ["error": .string(failure.message)])
        case .unfinished(let reason): log.warning("sync abandoned", metadata: ["reason": .string(reason)])
        }
        return outcome
    }

    private func syncAndUpload(
        path: String, lock: DestinationLock?, taskId: String, spec: C1_Connectorapi_Baton_V1_Task.SyncFullTask,
        heartbeat: Duration, logger log: Logger
    ) async -> TaskOutcome {
        let heartbeats = Heartbeats(connection: connection, hostId: hostId, taskId: taskId, initialInterval: heartbeat, logger: log)
        do {
            let uploaded = try await withThrowingTaskGroup(of: (bytes: Int, chunks: Int)?.self) { group in
                group.addTask { try await heartbeats.run() }
                group.addTask {
                    try await self.sync(into: path, lock: lock, spec: spec, logger: log)
                    return try await AssetUploader(connection: connection, hostId: hostId, logger: log)
                        .upload(path: path, taskId: taskId)
                }
                // The first child to end decides: the sync and upload finishing, or heartbeats
                // stopping. Either way the other is cancelled, and awaited before the file goes.
                defer { group.cancelAll() }
                guard let first = try await group.next(), let result = first else { throw CancellationError() }
                return result
            }
            log.debug(
                "upload sent", metadata: ["bytes": .stringConvertible(uploaded.bytes), "chunks": .stringConvertible(uploaded.chunks)])
            return .success(response: nil, annotations: [])
        } catch let stop as HeartbeatStop {
            return .unfinished(reason: stop.description)
        } catch  where error is CancellationError || Task.isCancelled {
            return .unfinished(reason: Self.shuttingDown)
        } catch {
            return .failure(TaskFailure(error))
        }
    }

    private func sync(into path: String, lock: DestinationLock?, spec: C1_Connectorapi_Baton_V1_Task.SyncFullTask, logger: Logger)
        async throws
    {
        let store = C1ZSyncStore(
            path: path, options: C1ZWriterOptions(tempDirectory: settings.temporaryDirectory, logger: logger), lock: lock)
        if settings.skipFullSync {
            // As in the SDK: an empty, finished sync stands in for the real one.
            _ = try await store.startSync(type: .full)
            try await store.finishSync()
            logger.info("full sync skipped (--skip-full-sync): uploading an empty sync")
            return
        }
        var options = settings.syncOptions
        options.skipExpandGrants = spec.skipExpandGrants
        options.skipEntitlementsAndGrants = spec.skipEntitlementsAndGrants
        if !spec.syncResourceTypeIds.isEmpty { options.syncResourceTypes = spec.syncResourceTypeIds }
        options.targetedResources = spec.targetedSyncResources.map {
            BatonResourceID(id: $0.id, parent: $0.hasParentResourceID ? $0.parentResourceID : nil)
        }
        options.skipGrants = spec.skipGrants
        _ = try await SyncEngine(connector: connector, store: store, options: options, logger: logger).run()
    }

    /// The connector's stable temporary c1z, locked for this task; when another task holds it,
    /// a unique name (that sync cannot be resumed, and no other one is disturbed).
    private func destination(taskId: String) -> (path: String, lock: DestinationLock?) {
        let directory = settings.temporaryDirectory ?? NSTemporaryDirectory()
        let stable = (directory as NSString).appendingPathComponent("baton-sync-\(Self.connectorKey(settings.credentials.clientId)).c1z")
        if let lock = try? DestinationLock.acquire(for: stable, blocking: false) { return (stable, lock) }
        let name = "baton-sync-\(taskId)-\(UUID().uuidString.prefix(8)).c1z"
        return ((directory as NSString).appendingPathComponent(name), nil)
    }

    /// Why a sync stopped on shutdown (its working copy is kept).
    static let shuttingDown = "shutting down"

    /// A file-name-safe digest of the client id (the id itself holds `@` and `/`).
    static func connectorKey(_ clientId: String) -> String { StableDigest.hex(clientId) }
}
