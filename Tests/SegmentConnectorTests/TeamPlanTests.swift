import SegmentSimulator
import TestSupport
import Testing

/// A team-plan workspace lacks user groups, warehouses and spaces: each is skipped with one
/// warning and the sync still succeeds with everything else.
@Suite("Team plan")
struct TeamPlanTests {
    @Test("a team-plan workspace syncs, warning once per missing feature")
    func teamPlanSync() async throws {
        try await SyncFixture.run(size: .small, plan: .team) { fixture in
            let logs = CapturedLogs()
            let file = fixture.path("sync.c1z")
            try await fixture.sync(into: file, logs: logs)

            let synced = try SyncedFile(path: file)
            expectMatches(synced, fixture.expected)
            expectDataModelNames(synced, fixture.snapshot)
            #expect(!synced.resources.keys.contains { $0.hasPrefix("group:") || $0.hasPrefix("warehouse:") || $0.hasPrefix("space:") })
            #expect(synced.resources.keys.contains { $0.hasPrefix("function:") }, "functions are on every plan")

            let warnings = logs.warnings
            #expect(warnings.count == 3, "warnings: \(warnings.map { "\($0.message) \($0.metadata)" })")
            for feature in ["user groups", "warehouses", "spaces"] {
                let mentioning = warnings.filter { $0.message.contains(feature) }
                #expect(mentioning.count == 1, "expected one warning about \(feature), got \(mentioning.map(\.message))")
            }
            #expect(
                !warnings.contains {
                    $0.message.contains(SyncFixture.token) || $0.metadata.values.contains { $0.contains(SyncFixture.token) }
                })

            let expected = ExpectedRequests.perSync(fixture.snapshot, pageSize: 200, listIncludesPermissions: false, plan: .team)
            let actual = ExpectedRequests.observed(await fixture.simulator.stats())
            #expect(actual == expected, "\(ExpectedRequests.differences(expected: expected, actual: actual))")
        }
    }
}
