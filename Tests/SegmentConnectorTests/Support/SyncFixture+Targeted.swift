import BatonKit
import BatonStore
import Foundation
import Logging
import SegmentAPI
import SegmentConnector
import SegmentSimulator
import SwiftProtobuf
import TestSupport

extension SyncFixture {
    /// A client of the fixture's simulator with writes unpaced (tests make many at once).
    func makeClient(pageSize: Int = 200) throws -> SegmentClient {
        var configuration = try SegmentClientConfiguration(token: SyncFixture.token, baseURL: simulator.baseURL)
        configuration.pageSize = pageSize
        configuration.maxRetries = 2
        configuration.retryBaseDelay = .milliseconds(5)
        configuration.maxBackoff = .milliseconds(20)
        configuration.writesPerMinute = 1_000_000
        configuration.logger = Logger(label: "segment-api-test") { _ in SwiftLogNoOpLogHandler() }
        return try SegmentClient(configuration: configuration)
    }

    /// Runs `body` with a fresh connector (as after a restart) and shuts its client down.
    func withConnector<T: Sendable>(logs: CapturedLogs? = nil, _ body: (SegmentConnector) async throws -> T) async throws -> T {
        var client = try makeClient()
        if let logs {
            var configuration = client.configuration
            configuration.logger = logs.logger()
            try await client.shutdown()
            client = try SegmentClient(configuration: configuration)
        }
        do {
            let result = try await body(SegmentConnector(client: client))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// A targeted sync of `targets` into `file`; returns the summary and the requests it cost.
    func targetedSync(_ targets: [ResourceId], into file: String, logs: CapturedLogs? = nil) async throws -> (
        summary: SyncSummary, requests: Int
    ) {
        let before = await simulator.stats().total
        var options = SyncOptions()
        options.targetedResources = targets.map { BatonResourceID(id: $0) }
        let logger = logs?.logger() ?? Logger(label: "segment-connector-test") { _ in SwiftLogNoOpLogHandler() }
        let summary = try await withConnector { connector in
            try await SyncEngine(connector: connector, store: C1ZSyncStore(path: file), options: options, logger: logger).run()
        }
        return (summary, await simulator.stats().total - before)
    }

    /// Every event the feed holds from `startAt` on, read `pageSize` at a time.
    func allEvents(startAt: Date, pageSize: Int = 100) async throws -> (events: [Event], cursor: String) {
        try await withConnector { connector in
            var events: [Event] = []
            var cursor = ""
            while true {
                let page = try await connector.listEvents(feedId: "", cursor: cursor, startAt: startAt, pageSize: pageSize)
                events += page.events
                cursor = page.cursor
                if !page.hasMore { return (events, cursor) }
            }
        }
    }
}

extension SyncedFile {
    /// One sync of the file (a partial sync is never the default one readers pick).
    init(path: String, syncID: String) throws {
        let reader = try C1ZReader(path: path, options: C1ZReaderOptions(syncID: syncID))
        defer { reader.close() }
        resourceTypes = Set(try reader.resourceTypes().map(\.id))
        resources = Dictionary(try reader.resources().map { ($0.id.key, $0) }, uniquingKeysWith: { first, _ in first })
        entitlements = Dictionary(try reader.entitlements().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        grants = Dictionary(try reader.grants().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The rows about `target`: the resource, its entitlements, and every grant on them or held
    /// by it, each as text that includes what a reader sees (expansion sources, GrantExpandable).
    func rows(about target: ResourceId) -> [String] {
        var rows: [String] = []
        if let resource = resources[target.key] {
            // Deterministic bytes: protojson does not fix the order of a Struct's keys.
            var options = BinaryEncodingOptions()
            options.useDeterministicOrdering = true
            let bytes: [UInt8] = (try? resource.serializedBytes(options: options)) ?? []
            rows.append("resource \(target.key) \(resource.displayName) \(Data(bytes).base64EncodedString())")
        }
        for (id, entitlement) in entitlements where entitlement.resource.id == target {
            rows.append("entitlement \(id) \(entitlement.displayName) \(entitlement.purpose) \(entitlement.slug)")
        }
        for (id, grant) in grants where grant.entitlement.resource.id == target || grant.principal.id == target {
            let sources = grant.sources.sources.map { "\($0.key)=\($0.value.isDirect)" }.sorted().joined(separator: ",")
            let expandable = grant.annotations.first(GrantExpandable.self).map { "\($0.entitlementIds) \($0.resourceTypeIds)" } ?? "-"
            rows.append("grant \(id) sources[\(sources)] expandable[\(expandable)]")
        }
        return rows.sorted()
    }
}
