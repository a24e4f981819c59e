import BatonKit
import Logging
import SegmentConnector
import Testing

@testable import baton_segment

/// The connector's own flags, resolved as the executable resolves them (flag > env > file).
@Suite struct SegmentOptionsTests {
    private let logger = Logger(label: "segment-options-test") { _ in SwiftLogNoOpLogHandler() }

    private func options(_ arguments: [String]) throws -> SegmentOptions { try SegmentOptions.parse(arguments) }

    private func expectRefused(
        _ arguments: [String], environment: [String: String] = [:], saying expected: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let parsed = try options(arguments)
        do {
            _ = try parsed.makeClient(source: ConfigSource(environment: environment), logger: logger)
            Issue.record("accepted \(arguments)", sourceLocation: sourceLocation)
        } catch {
            #expect(BatonStatusCode.of(error) == .invalidArgument, sourceLocation: sourceLocation)
            #expect("\(error)".contains(expected), "\(error)", sourceLocation: sourceLocation)
            #expect(!"\(error)".contains("\n"), sourceLocation: sourceLocation)
        }
    }

    @Test func theTokenComesFromTheFlagOrBATON_TOKENAndIsRequiredForASync() async throws {
        #expect(try options(["--token", "t-flag"]).secrets(source: ConfigSource()).map(\.value) == ["t-flag"])
        #expect(try options([]).secrets(source: ConfigSource(environment: ["BATON_TOKEN": "t-env"])).map(\.value) == ["t-env"])
        #expect(throws: SegmentConnectorError.self) {
            try options([]).makeClient(source: ConfigSource(), logger: logger)
        }
        // `capabilities` needs no token.
        let (client, concurrency) = try options([]).makeClient(source: ConfigSource(), logger: logger, tokenRequired: false)
        #expect(concurrency == 8)
        try await client.shutdown()
    }

    @Test func badValuesAreOneLineErrors() throws {
        try expectRefused(["--token", "t", "--region", "mars"], saying: "invalid --region \"mars\"")
        try expectRefused(["--token", "t", "--concurrency", "0"], saying: "invalid --concurrency 0")
        try expectRefused(["--token", "t", "--concurrency", "65"], saying: "expected 1 to 64")
        try expectRefused(["--token", "t", "--reads-per-minute", "0"], saying: "invalid --reads-per-minute 0")
        try expectRefused(["--token", "t", "--base-url", "http://example.com"], saying: "http")
        try expectRefused(["--token", "t"], environment: ["BATON_CONCURRENCY": "many"], saying: "BATON_CONCURRENCY")
    }

    @Test func environmentValuesApplyWhenNoFlagIsGiven() async throws {
        let (client, concurrency) = try options(["--token", "t"]).makeClient(
            source: ConfigSource(environment: ["BATON_CONCURRENCY": "3", "BATON_REGION": "eu"]), logger: logger)
        #expect(concurrency == 3)
        try await client.shutdown()
        let (flagged, flagConcurrency) = try options(["--token", "t", "--concurrency", "5"]).makeClient(
            source: ConfigSource(environment: ["BATON_CONCURRENCY": "3"]), logger: logger)
        #expect(flagConcurrency == 5)
        try await flagged.shutdown()
    }
}
