import BatonKit
import Foundation
import SegmentAPI
import SegmentConnector
import Testing

/// `baton_capabilities.json` at the repository root is what `baton-segment capabilities` prints,
/// byte for byte, so a reviewer (and ConductorOne's catalogue) can read what the connector supports
/// without running it. Regenerate it with `baton-segment capabilities > baton_capabilities.json`.
@Suite struct CapabilitiesFileTests {
    @Test func theCommittedCapabilitiesFileMatchesWhatTheConnectorReports() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("baton_capabilities.json"), encoding: .utf8)
        let client = try SegmentClient(configuration: SegmentClientConfiguration(token: "unused", baseURL: "http://127.0.0.1:9"))
        let reported = try Capabilities.json(SegmentConnector(client: client, concurrency: 1))
        try await client.shutdown()
        #expect(committed == reported, "baton_capabilities.json is stale: regenerate it with `baton-segment capabilities`")
    }
}
