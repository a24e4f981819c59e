import BatonKit
import BatonStore
import Foundation
import Logging
import SegmentAPI
import SegmentSimulator
import Testing

@testable import SegmentConnector

/// A simulator on loopback, one client and one connector (so provisioning shares its per-principal
/// locks), a temp directory, and the runner's one-shot path against c1z files in it.
struct ProvisioningHarness: Sendable {
    static let token = "sim-prov-SECRET-token-5"
    static let quiet = Logger(label: "provisioning-test") { _ in SwiftLogNoOpLogHandler() }

    let simulator: RunningSimulator
    let client: SegmentClient
    let connector: SegmentConnector
    let directory: URL
    /// The c1z the harness synced at start (`synced` holds it read back).
    let file: String
    let synced: SyncedFile

    static func run<T: Sendable>(
        size: WorkspaceSize = .demo, seed: UInt64 = 11, state: WorkspaceSnapshot? = nil,
        simulator adjustSimulator: @Sendable (inout SimulatorConfiguration) -> Void = { _ in },
        writesPerMinute: Int = 60_000,
        _ body: (ProvisioningHarness) async throws -> T
    ) async throws -> T {
        var simConfig = SimulatorConfiguration(token: token)
        adjustSimulator(&simConfig)
        let simulator = try await RunningSimulator.start(
            state: state ?? WorkspaceGenerator.generate(seed: seed, size: size, plan: .business), configuration: simConfig)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("segment-prov-\(UUID().uuidString)")
        var clientConfig = try SegmentClientConfiguration(token: token, baseURL: simulator.baseURL)
        clientConfig.writesPerMinute = writesPerMinute
        clientConfig.retryBaseDelay = .milliseconds(5)
        clientConfig.maxBackoff = .milliseconds(50)
        clientConfig.requestTimeout = .seconds(10)
        clientConfig.logger = quiet
        let client = try SegmentClient(configuration: clientConfig)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let connector = SegmentConnector(client: client)
            let file = directory.appendingPathComponent("sync.c1z").path
            _ = try await runner(connector, .sync, file: file, provisioning: false).run()
            let harness = ProvisioningHarness(
                simulator: simulator, client: client, connector: connector, directory: directory,
                file: file, synced: try SyncedFile(path: file))
            let result = try await body(harness)
            try await client.shutdown()
            try? FileManager.default.removeItem(at: directory)
            try await simulator.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            try? FileManager.default.removeItem(at: directory)
            try? await simulator.shutdown()
            throw error
        }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A runner for `action` against `file` (the harness's c1z by default).
    func runner(
        _ action: BatonConfiguration.Action, file: String? = nil, dryRun: Bool = false,
        provisioning: Bool = true
    ) -> BatonRunner {
        Self.runner(connector, action, file: file ?? self.file, dryRun: dryRun, provisioning: provisioning)
    }

    static func runner(
        _ connector: SegmentConnector, _ action: BatonConfiguration.Action, file: String, dryRun: Bool = false,
        provisioning: Bool = true
    ) -> BatonRunner {
        var configuration = BatonConfiguration()
        configuration.file = file
        configuration.action = action
        configuration.provisioning = provisioning
        configuration.dryRun = dryRun
        return BatonRunner(connector: connector, configuration: configuration, logger: Self.quiet)
    }

    /// A full sync through the runner into `file`.
    func sync(into file: String) async throws {
        _ = try await runner(.sync, file: file, provisioning: false).run()
    }

    func snapshot() async -> WorkspaceSnapshot { await simulator.snapshot() }

    /// Write requests the simulator has seen so far (every IAM mutation, answered or not).
    func writes() async -> Int {
        let stats = await simulator.stats()
        return Self.writeOperations.map { stats[$0] }.reduce(0, +)
    }

    static let writeOperations = [
        "deleteUsers", "addPermissionsToUser", "replacePermissionsForUser", "createInvites", "deleteInvites",
        "createUserGroup", "updateUserGroup", "deleteUserGroup", "addUsersToUserGroup", "removeUsersFromUserGroup",
        "replaceUsersInUserGroup", "addPermissionsToUserGroup", "replacePermissionsForUserGroup",
    ]

    /// The provisioner the runner would use for an entitlement of `type`.
    func provisioner(_ type: String) throws -> any GrantProvisioner {
        try #require(connector.grantProvisioner(for: type))
    }

    /// The entitlement with `id` from the synced file, its resource hydrated as the runner does.
    func entitlement(_ id: String) throws -> Entitlement {
        var entitlement = try #require(synced.entitlements[id], "no entitlement \(id)")
        entitlement.resource = try #require(synced.resources[entitlement.resource.id.key])
        return entitlement
    }

    func resource(_ type: String, _ id: String) throws -> Resource {
        try #require(synced.resources["\(type):\(id)"], "no resource \(type):\(id)")
    }

    /// Grants `entitlementId` to a principal directly through the connector.
    @discardableResult
    func grant(_ entitlementId: String, to type: String, _ id: String) async throws -> GrantResult {
        let entitlement = try entitlement(entitlementId)
        return try await provisioner(entitlement.resource.id.resourceType)
            .grant(principal: try resource(type, id), entitlement: entitlement)
    }

    /// Revokes `entitlementId` from a principal directly through the connector.
    @discardableResult
    func revoke(_ entitlementId: String, from type: String, _ id: String) async throws -> [Annotation] {
        let entitlement = try entitlement(entitlementId)
        let grant = Grant.make(entitlement: entitlement, principal: try resource(type, id))
        return try await provisioner(entitlement.resource.id.resourceType).revoke(grant: grant)
    }
}

/// Permissions as comparable strings, computed from the simulator's own types (not the client's):
/// `roleId|TYPE|id|key:value,...` per resource.
enum SnapshotTuples {
    static func of(_ permissions: [WorkspaceSnapshot.Permission]) -> Set<String> {
        Set(
            permissions.flatMap { permission in
                permission.resources.map { resource in
                    let labels = (resource.labels ?? []).map { "\($0.key):\($0.value)" }.sorted().joined(separator: ",")
                    return "\(permission.roleId)|\(resource.type)|\(resource.id)|\(labels)"
                }
            })
    }

    static func user(_ id: String, in snapshot: WorkspaceSnapshot) -> Set<String> {
        of(snapshot.user(id: id)?.permissions ?? [])
    }

    static func group(_ id: String, in snapshot: WorkspaceSnapshot) -> Set<String> {
        of(snapshot.group(id: id)?.permissions ?? [])
    }

    static func principal(_ type: String, _ id: String, in snapshot: WorkspaceSnapshot) -> Set<String> {
        type == "group" ? group(id, in: snapshot) : user(id, in: snapshot)
    }
}

extension WorkspaceSnapshot {
    /// The snapshot with one principal's permissions and the audit trail blanked, to compare
    /// "everything else is unchanged".
    func without(_ type: String, _ id: String) -> WorkspaceSnapshot {
        var copy = self
        copy.auditEvents = []
        if type == "group" {
            copy.groups = groups.map {
                var g = $0; if g.id == id { g.permissions = [] }; return g
            }
        } else {
            copy.users = users.map {
                var u = $0; if u.id == id { u.permissions = [] }; return u
            }
        }
        return copy
    }

    /// The snapshot without its audit trail (every write appends to it).
    var state: WorkspaceSnapshot {
        var copy = self
        copy.auditEvents = []
        return copy
    }
}

/// An error as the command line would print it: one line, non-zero exit.
func expectOneLineFailure(_ error: any Error, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let message = "\(error)"
    #expect(!message.contains("\n"), "not one line: \(message)", sourceLocation: sourceLocation)
    #expect(message.contains(text), "\(message) does not mention \(text)", sourceLocation: sourceLocation)
    #expect(BatonStatusCode.of(error) != .ok, sourceLocation: sourceLocation)
    #expect(BatonStatusCode.of(error) != .unknown, "untyped error: \(message)", sourceLocation: sourceLocation)
    #expect(!message.contains(ProvisioningHarness.token), sourceLocation: sourceLocation)
}
