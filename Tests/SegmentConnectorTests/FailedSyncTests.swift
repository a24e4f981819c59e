import BatonStore
import Foundation
import SegmentAPI
import SegmentSimulator
import Testing

/// A failure that is not a plan gate fails the whole sync with one clear error and leaves the
/// previous c1z byte-identical: a failed call is never written as an empty list.
@Suite("Failed syncs")
struct FailedSyncTests {
    struct FaultCase: Sendable, CustomTestStringConvertible {
        var operation: String
        var fault: Fault
        var testDescription: String { "\(fault.rawValue) on \(operation)" }
    }

    /// Every read the sync makes, including the plan-gated ones (a 5xx there is not "not in plan")
    /// and those made while listing grants, after much of the sync was written to scratch.
    static let cases: [FaultCase] = [
        FaultCase(operation: "getWorkspace", fault: .http500),
        FaultCase(operation: "listUsers", fault: .http500),
        FaultCase(operation: "listUsers", fault: .malformed),
        FaultCase(operation: "getUser", fault: .http503),
        FaultCase(operation: "listInvites", fault: .malformed),
        FaultCase(operation: "listUserGroups", fault: .http500),
        FaultCase(operation: "getUserGroup", fault: .http503),
        FaultCase(operation: "listUsersFromUserGroup", fault: .http500),
        FaultCase(operation: "listInvitesFromUserGroup", fault: .malformed),
        FaultCase(operation: "listRoles", fault: .http500),
        FaultCase(operation: "listSources", fault: .reset),
        FaultCase(operation: "listWarehouses", fault: .http503),
        FaultCase(operation: "listSpaces", fault: .http500),
        FaultCase(operation: "listFunctions", fault: .http503),
    ]

    @Test("a read failing after every retry fails the sync and leaves the previous file unchanged", arguments: cases)
    func failedReadLeavesFileUnchanged(_ testCase: FaultCase) async throws {
        try await SyncFixture.run(size: .demo) { fixture in
            let file = fixture.path("sync.c1z")
            // Two syncs: the file holds history, which a failed sync must keep byte for byte.
            try await fixture.sync(into: file)
            try await fixture.sync(into: file)
            #expect(try C1ZReader(path: file).syncRuns().count == 2)
            let before = try Data(contentsOf: URL(fileURLWithPath: file))
            let listing = try fixture.directoryListing()

            let settings = SyncFixture.ClientSettings()
            // More faults than the client can retry through, even with requests running concurrently.
            await fixture.simulator.injectFaults([ScriptedFault(operation: testCase.operation, fault: testCase.fault, count: 1_000)])
            let error = await #expect(throws: SegmentAPIError.self) {
                try await fixture.sync(into: file, settings: settings)
            }
            #expect(error?.operation == testCase.operation)
            switch (testCase.fault, error) {
            case (.http500, .server(_, 500, _)?), (.http503, .server(_, 503, _)?), (.malformed, .undecodable?), (.reset, .transport?): break
            default: Issue.record("\(testCase.testDescription) surfaced as \(String(describing: error))")
            }
            expectOneClearLine(error.map { "\($0)" })
            #expect(await fixture.simulator.stats().faults >= settings.maxRetries + 1)

            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before, "the previous c1z changed")
            #expect(try fixture.directoryListing() == listing, "the failed sync left files behind")
        }
    }

    @Test("a wrong token fails the sync with one 401 error naming no token, and the file is unchanged")
    func wrongToken() async throws {
        try await SyncFixture.run(size: .demo) { fixture in
            let file = fixture.path("sync.c1z")
            try await fixture.sync(into: file)
            let before = try Data(contentsOf: URL(fileURLWithPath: file))
            let listing = try fixture.directoryListing()

            var settings = SyncFixture.ClientSettings()
            settings.token = "wrong-SECRET-token-99"
            let error = await #expect(throws: SegmentAPIError.self) {
                try await fixture.sync(into: file, settings: settings)
            }
            guard case .unauthorized? = error else {
                Issue.record("a wrong token surfaced as \(String(describing: error))")
                return
            }
            expectOneClearLine(error.map { "\($0)" })
            #expect(!"\(String(describing: error))".contains(settings.token))
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
            #expect(try fixture.directoryListing() == listing)
        }
    }

    @Test("after faults clear, the next sync succeeds and matches the snapshot")
    func recoversAfterFailure() async throws {
        try await SyncFixture.run(size: .demo) { fixture in
            let file = fixture.path("sync.c1z")
            await fixture.simulator.injectFaults([ScriptedFault(operation: "listUsersFromUserGroup", fault: .http500, count: 1_000)])
            await #expect(throws: SegmentAPIError.self) { try await fixture.sync(into: file) }
            #expect(!FileManager.default.fileExists(atPath: file), "a failed first sync wrote a file")
            await fixture.simulator.reset()  // clears the scripted faults; the state is unchanged
            try await fixture.sync(into: file)
            expectMatches(try SyncedFile(path: file), fixture.expected)
        }
    }
}

/// An error message is one line, says something, and never carries a token.
func expectOneClearLine(_ message: String?, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let message else {
        Issue.record("no error", sourceLocation: sourceLocation)
        return
    }
    #expect(!message.isEmpty && !message.contains("\n"), "not one line: \(message)", sourceLocation: sourceLocation)
    #expect(!message.contains(SyncFixture.token), "the token leaked: \(message)", sourceLocation: sourceLocation)
}
