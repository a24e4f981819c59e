import BatonKit
import Foundation
import Logging
import TestSupport

/// Counts listings in flight, to check the engine's concurrency bound without sleeping.
actor InFlightCounter {
    /// The first two per-resource listings wait here for each other, so overlap is certain
    /// rather than a matter of how the scheduler interleaves them.
    let overlap = AsyncBarrier(parties: 2)
    private(set) var current = 0
    private(set) var maximum = 0
    func enter() { current += 1; maximum = max(maximum, current) }
    func leave() { current -= 1 }
}

/// A scripted syncer: resources by parent key ("" = top level), pages of entitlements and
/// grants by resource key. Each array element is one page; tokens are "p1", "p2", ...
struct FakeSyncer: ResourceSyncer, GrantProvisioner {
    let resourceType: ResourceType
    var resources: [String: [[Resource]]] = [:]
    var entitlements: [String: [[Entitlement]]] = [:]
    var grants: [String: [[Grant]]] = [:]
    /// When set, page tokens come from here instead of "p<n>" (to script a repeat).
    var tokens: [String]? = nil
    var counter: InFlightCounter? = nil
    var calls: CallLog? = nil

    func listResources(parent: ResourceId?, pageToken: String, context: SyncContext) async throws -> SyncPage<Resource> {
        await calls?.record("resources \(resourceType.id) \(parent?.key ?? "-") [\(pageToken)]")
        return await page(resources[parent?.key ?? ""] ?? [], token: pageToken)
    }
    func listEntitlements(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Entitlement> {
        await calls?.record("entitlements \(resource.id.key) [\(pageToken)]")
        return await page(entitlements[resource.id.key] ?? [], token: pageToken, perResource: true)
    }
    func listGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> {
        await calls?.record("grants \(resource.id.key) [\(pageToken)]")
        return await page(grants[resource.id.key] ?? [], token: pageToken, perResource: true)
    }

    /// `perResource`: an entitlement or grant listing, which the engine runs several at a time
    /// (a type's resource pages come one after another, so they must not wait for company).
    private func page<T: Sendable>(_ pages: [[T]], token: String, perResource: Bool = false) async -> SyncPage<T> {
        if let counter {
            await counter.enter()
            if perResource { await counter.overlap.arriveAndWait() }
            await counter.leave()
        }
        let index = token.isEmpty ? 0 : Int(token.dropFirst())!
        guard index < pages.count else { return .empty }
        let next: String
        if let tokens {
            next = index < tokens.count ? tokens[index] : ""
        } else {
            next = index + 1 < pages.count ? "p\(index + 1)" : ""
        }
        return SyncPage(pages[index], nextPageToken: next)
    }

    func grant(principal: Resource, entitlement: Entitlement) async throws -> GrantResult {
        await calls?.record("grant \(entitlement.id) \(principal.id.key) resource=\(entitlement.resource.displayName)")
        return GrantResult(grants: [Grant.make(entitlement: entitlement, principal: principal)])
    }
    func revoke(grant: Grant) async throws -> [Annotation] {
        await calls?.record("revoke \(grant.id) resource=\(grant.entitlement.resource.displayName)")
        return [Annotation(C1_Connector_V2_GrantAlreadyRevoked())]
    }
}

actor CallLog {
    private(set) var entries: [String] = []
    func record(_ entry: String) { entries.append(entry) }
}

struct FakeConnector: Connector {
    var syncers: [any ResourceSyncer]
    var failValidation = false

    func metadata() async throws -> ConnectorMetadata {
        var metadata = ConnectorMetadata()
        metadata.displayName = "Fake"
        return metadata
    }
    func validate() async throws {
        if failValidation { throw BatonError.unauthenticated("bad token") }
    }
}

/// Building blocks for scripted workspaces.
enum Fixture {
    static let userType = ResourceType.make(id: "user", displayName: "User", traits: [.user])
    static let groupType = ResourceType.make(id: "group", displayName: "Group", traits: [.group])
    static let roleType = ResourceType.make(id: "role", displayName: "Role", traits: [.role])
    static let workspaceType = ResourceType.make(id: "workspace", displayName: "Workspace")

    static func user(_ id: String, parent: ResourceId? = nil) -> Resource {
        Resource.make(
            id: ResourceId("user", id), displayName: id, parent: parent,
            annotations: [Annotation(C1_Connector_V2_UserTrait())])
    }
    static func group(_ id: String, parent: ResourceId? = nil) -> Resource {
        Resource.make(
            id: ResourceId("group", id), displayName: id, parent: parent,
            annotations: [Annotation(C1_Connector_V2_GroupTrait())])
    }
    static func role(_ id: String, parent: ResourceId? = nil) -> Resource {
        Resource.make(
            id: ResourceId("role", id), displayName: id, parent: parent,
            annotations: [Annotation(C1_Connector_V2_RoleTrait())])
    }
    static func member(of resource: Resource) -> Entitlement {
        Entitlement.assignment(resource: resource, slug: "member", grantableTo: [userType, groupType])
    }

    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    static func sync(_ connector: FakeConnector, options: SyncOptions = SyncOptions()) async throws -> (SyncSummary, InMemorySyncStore) {
        let store = InMemorySyncStore()
        let summary = try await SyncEngine(connector: connector, store: store, options: options, logger: logger).run()
        return (summary, store)
    }
}
