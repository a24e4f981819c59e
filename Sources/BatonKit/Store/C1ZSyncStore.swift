import BatonStore
import Foundation

/// A ``SyncStore`` writing a c1z file through BatonStore's `C1ZWriter`: rows stream into the
/// writer's scratch database, expansion reads them back from it, and `finishSync` compresses and
/// atomically renames the file over `path` (an aborted sync leaves `path` untouched).
public actor C1ZSyncStore: SyncStore {
    public let path: String
    private let options: C1ZWriterOptions
    private var writer: C1ZWriter?

    public init(path: String, options: C1ZWriterOptions = C1ZWriterOptions()) {
        self.path = path
        self.options = options
    }

    public func startSync(type: SyncType) async throws -> String {
        guard writer == nil else { throw BatonError.internal("a sync is already being written to \(path)") }
        var options = options
        options.syncType = type.rawValue
        let writer = try C1ZWriter(path: path, options: options)
        self.writer = writer
        return writer.syncID
    }

    public func putResourceTypes(_ resourceTypes: [ResourceType]) async throws {
        try await open().put(resourceTypes: resourceTypes)
    }

    public func putResources(_ resources: [Resource]) async throws {
        try await open().put(resources: resources)
    }

    public func putEntitlements(_ entitlements: [Entitlement]) async throws {
        try await open().put(entitlements: entitlements)
    }

    public func putGrants(_ grants: [Grant]) async throws {
        try await open().put(grants: grants)
    }

    public func entitlements(ids: [String]) async throws -> [String: Entitlement] {
        let writer = try open()
        var found: [String: Entitlement] = [:]
        for id in Set(ids) {
            if let entitlement = try await writer.entitlement(id: id) { found[id] = entitlement }
        }
        return found
    }

    public func grants(entitlementId: String) async throws -> [Grant] {
        try await open().grants(forEntitlement: entitlementId)
    }

    public func grantPrincipals(entitlementId: String) async throws -> [ResourceId] {
        try await open().grantPrincipals(forEntitlement: entitlementId)
    }

    public func grant(entitlementId: String, principal: ResourceId) async throws -> Grant? {
        try await open().latestGrant(forEntitlement: entitlementId, principal: principal)
    }

    public func grantCount() async throws -> Int {
        try await open().counts().grants
    }

    public func finishSync() async throws {
        let writer = try open()
        self.writer = nil
        try await writer.finish()
    }

    public func abortSync() async {
        await writer?.abort()
        writer = nil
    }

    private func open() throws -> C1ZWriter {
        guard let writer else { throw BatonError.internal("no sync is being written to \(path)") }
        return writer
    }
}
