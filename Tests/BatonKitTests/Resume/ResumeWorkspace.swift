import BatonKit
import BatonStore
import Foundation
import Logging
import Synchronization

/// A scripted workspace for resume tests: a workspace with users, groups and roles as children,
/// several pages per listing, group memberships, and roles held by groups (`GrantExpandable`)
/// so expansion has work to redo.
enum ResumeWorkspace {
    static let workspace = Resource.make(
        id: ResourceId("workspace", "ws"), displayName: "ws",
        annotations: [.childResourceType("user"), .childResourceType("group"), .childResourceType("role")])
    static let users = (1...9).map { Fixture.user("u\($0)", parent: workspace.id) }
    static let groups = (1...3).map { Fixture.group("g\($0)", parent: workspace.id) }
    static let roles = (1...2).map { Fixture.role("r\($0)", parent: workspace.id) }

    static func connector(calls: CallLog) -> FakeConnector {
        var workspaceSyncer = FakeSyncer(resourceType: Fixture.workspaceType, calls: calls)
        workspaceSyncer.resources = ["": [[workspace]]]
        var userSyncer = FakeSyncer(resourceType: Fixture.userType, calls: calls)
        userSyncer.resources = [
            workspace.id.key: stride(from: 0, to: users.count, by: 2).map { Array(users[$0..<min($0 + 2, users.count)]) }
        ]
        var groupSyncer = FakeSyncer(resourceType: Fixture.groupType, calls: calls)
        groupSyncer.resources = [workspace.id.key: [Array(groups[0..<2]), [groups[2]]]]
        var roleSyncer = FakeSyncer(resourceType: Fixture.roleType, calls: calls)
        roleSyncer.resources = [workspace.id.key: [roles]]
        for (index, group) in groups.enumerated() {
            let member = Fixture.member(of: group)
            groupSyncer.entitlements[group.id.key] = [[member]]
            let members = users.enumerated().filter { $0.offset % groups.count == index }.map(\.element)
            groupSyncer.grants[group.id.key] = members.map { [Grant.make(entitlement: member, principal: $0)] }
        }
        for (index, role) in roles.enumerated() {
            let member = Fixture.member(of: role)
            roleSyncer.entitlements[role.id.key] = [[member]]
            let holder = groups[index]
            let inherit = GrantExpandable.make(entitlementIds: [Fixture.member(of: holder).id], resourceTypeIds: ["user"])
            roleSyncer.grants[role.id.key] = [
                [Grant.make(entitlement: member, principal: holder, expandable: inherit)],
                [Grant.make(entitlement: member, principal: users[index])],  // also held directly
            ]
        }
        return FakeConnector(syncers: [workspaceSyncer, userSyncer, groupSyncer, roleSyncer])
    }
}

/// Everything a c1z holds, by id, decoded (timestamps and sync ids are not part of it): what
/// "the same result" means for a resumed sync.
struct FileContents: Equatable {
    var resourceTypes: [String: ResourceType] = [:]
    var resources: [String: Resource] = [:]
    var entitlements: [String: Entitlement] = [:]
    var grants: [String: Grant] = [:]

    init(path: String) throws {
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        for item in try reader.resourceTypes() { resourceTypes[item.id] = item }
        for item in try reader.resources() { resources[item.id.key] = item }
        for item in try reader.entitlements() { entitlements[item.id] = item }
        for item in try reader.grants() { grants[item.id] = item }
    }
}

/// Forwards to a `C1ZSyncStore` and "crashes" after a number of writes: the write fails, and
/// the store is left as a killed process leaves it (uncommitted rows lost, working copy kept).
final class CrashingStore: SyncStore {
    let inner: C1ZSyncStore
    private let remaining: Mutex<Int>
    private let count = Mutex(0)
    /// Writes made so far (a run with no crash counts a whole sync's writes).
    var writes: Int { count.withLock { $0 } }

    init(path: String, crashAfterWrites: Int, options: C1ZWriterOptions = C1ZWriterOptions()) {
        inner = C1ZSyncStore(path: path, options: options)
        remaining = Mutex(crashAfterWrites)
    }

    struct Crash: Error {}

    private func write() throws {
        count.withLock { $0 += 1 }
        let crashed = remaining.withLock { count -> Bool in
            count -= 1
            return count < 0
        }
        if crashed { throw Crash() }
    }

    func startSync(type: SyncType) async throws -> String { try await inner.startSync(type: type) }
    func startSync(type: SyncType, resume: @escaping @Sendable (UnfinishedSync) -> ResumeDecision) async throws -> StartedSync {
        try await inner.startSync(type: type, resume: resume)
    }
    func checkpoint(_ token: String) async throws { try write(); try await inner.checkpoint(token) }
    func putResourceTypes(_ items: [ResourceType]) async throws { try write(); try await inner.putResourceTypes(items) }
    func putResources(_ items: [Resource]) async throws { try write(); try await inner.putResources(items) }
    func putEntitlements(_ items: [Entitlement]) async throws { try write(); try await inner.putEntitlements(items) }
    func putGrants(_ items: [Grant]) async throws { try write(); try await inner.putGrants(items) }
    func putSessionValues(_ values: [String: [UInt8]]) async throws { try write(); try await inner.putSessionValues(values) }
    func sessionValues(prefix: String) async throws -> [String: [UInt8]] { try await inner.sessionValues(prefix: prefix) }
    func storedResources() async throws -> [StoredResource] { try await inner.storedResources() }
    func expandableGrants() async throws -> [Grant] { try await inner.expandableGrants() }
    func entitlements(ids: [String]) async throws -> [String: Entitlement] { try await inner.entitlements(ids: ids) }
    func grants(entitlementId: String) async throws -> [Grant] { try await inner.grants(entitlementId: entitlementId) }
    func grantPrincipals(entitlementId: String) async throws -> [ResourceId] {
        try await inner.grantPrincipals(entitlementId: entitlementId)
    }
    func grant(entitlementId: String, principal: ResourceId) async throws -> Grant? {
        try await inner.grant(entitlementId: entitlementId, principal: principal)
    }
    func grantCount() async throws -> Int { try await inner.grantCount() }
    func entitlementCount() async throws -> Int { try await inner.entitlementCount() }
    func finishSync() async throws { try write(); try await inner.finishSync() }
    func abortSync() async { await inner.suspendSync() }
}

/// Log messages, for the one-line "resuming" and "discarded" notices.
final class MessageLog: Sendable {
    private let messages = Mutex<[String]>([])
    var all: [String] { messages.withLock { $0 } }

    var logger: Logger {
        Logger(label: "resume-test") { _ in Handler(log: self) }
    }

    func append(_ line: String) { messages.withLock { $0.append(line) } }

    struct Handler: LogHandler {
        let log: MessageLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(
            level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String,
            line: UInt
        ) {
            let all = metadata.merging(extra ?? [:]) { $1 }
            log.append("\(message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        }
    }
}
