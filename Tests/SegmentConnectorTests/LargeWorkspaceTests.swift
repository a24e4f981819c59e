import SegmentSimulator
import Testing

/// The large preset (10,000 users) end to end: the sync completes and the file matches the
/// snapshot exactly, with the request counts the snapshot implies.
@Suite("Large workspace")
struct LargeWorkspaceTests {
    @Test("the large preset syncs completely and matches the snapshot exactly")
    func largePreset() async throws {
        try await SyncFixture.run(size: .large, seed: 5) { fixture in
            let file = fixture.path("large.c1z")
            let clock = ContinuousClock()
            let start = clock.now
            let summary = try await fixture.sync(into: file)
            let elapsed = clock.now - start
            print("large preset: \(summary.line) in \(elapsed)")

            let expected = fixture.expected
            #expect(fixture.snapshot.users.count == WorkspaceSize.large.users)
            let synced = try SyncedFile(path: file)
            expectMatches(synced, expected)
            #expect(summary.expandedGrants == expected.expandedOnlyGrants.count)

            let requests = ExpectedRequests.perSync(fixture.snapshot, pageSize: 200, listIncludesPermissions: false)
            let actual = ExpectedRequests.observed(await fixture.simulator.stats())
            #expect(actual == requests, "\(ExpectedRequests.differences(expected: requests, actual: actual))")
        }
    }
}
