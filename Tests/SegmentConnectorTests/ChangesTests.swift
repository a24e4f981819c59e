import BatonKit
import BatonStore
import Foundation
import SegmentSimulator
import Testing

/// `baton-segment changes` after two syncs into one file names exactly the resources and grants
/// that changed in the workspace between them, as the simulator's snapshots before and after say.
@Suite("Changes between syncs")
struct ChangesTests {
    /// One change of the JSON output, flattened with everything it caused.
    struct Change: Decodable {
        var change: String
        var kind: String
        var id: String
        var text: String
        var inherited: Bool
        var caused: [Change]

        var flattened: [Change] { [self] + caused.flatMap(\.flattened) }
    }

    struct Document: Decodable {
        struct Counts: Decodable { var resourcesAdded, resourcesRemoved, grantsGained, grantsLost: Int }
        struct SyncRef: Decodable { var syncId: String }
        var older: SyncRef
        var newer: SyncRef
        var counts: Counts
        var changes: [Change]
    }

    @Test("changes names exactly the grants and resources changed through the API, and --summary ends with them")
    func changesMatchTheSnapshots() async throws {
        try await SyncFixture.run(size: .demo) { fixture in
            let file = fixture.path("sync.c1z")
            try await fixture.sync(into: file)

            // One sync is not enough to compare: one clear line, exit 9 (FAILED_PRECONDITION).
            let single = try await BatonSegmentProcess.run(["changes", "-f", file], directory: fixture.directory.path)
            #expect(single.status == 9)
            expectOneClearLine(single.stderr.trimmingCharacters(in: .newlines))
            #expect(single.stderr.contains("holds 1 finished full sync"))

            let client = try fixture.makeClient()
            _ = try await RandomIAMChanges.apply(count: 14, seed: 21, snapshot: fixture.snapshot, plan: fixture.plan, client: client)
            try await client.shutdown()
            let after = await fixture.simulator.snapshot()
            try await fixture.sync(into: file)

            let before = fixture.expected, now = ExpectedWorkspace(after, plan: fixture.plan)
            let result = try await BatonSegmentProcess.run(["changes", "-f", file, "--output", "json"], directory: fixture.directory.path)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let document = try JSONDecoder().decode(Document.self, from: Data(result.stdout.utf8))
            let all = document.changes.flatMap(\.flattened)
            func ids(_ kind: String, _ change: String) -> [String] { all.filter { $0.kind == kind && $0.change == change }.map(\.id) }

            expectSameIds(ids("resource", "added"), now.resources.subtracting(before.resources), "resources added")
            expectSameIds(ids("resource", "removed"), before.resources.subtracting(now.resources), "resources removed")
            expectSameIds(ids("grant", "gained"), now.allGrants.subtracting(before.allGrants), "grants gained")
            expectSameIds(ids("grant", "lost"), before.allGrants.subtracting(now.allGrants), "grants lost")
            #expect(
                ids("grant", "gained").count == document.counts.grantsGained && ids("grant", "lost").count == document.counts.grantsLost)
            #expect(!all.isEmpty && all.allSatisfy { !$0.text.isEmpty && !$0.text.contains("\n") })
            // Inherited changes sit under their cause: a membership gained (or lost) carries the
            // grants the member gained (or lost) through that group alone.
            for change in all where change.kind == "grant" && change.id.hasPrefix("group:") && change.id.contains(":member:user:") {
                let parts = change.id.split(separator: ":").map(String.init)  // group:<g>:member:user:<u>
                let membership = "group:\(parts[1]):member", user = ":user:\(parts[4])"
                let (side, other) = change.change == "gained" ? (now, before) : (before, now)
                let broughtAlong = side.expandedOnlyGrants.subtracting(other.allGrants)
                    .filter { $0.hasSuffix(user) && side.inheritedSources[$0] == [membership] }
                #expect(Set(change.caused.map(\.id)).isSuperset(of: broughtAlong), "\(change.text)")
            }
            #expect(all.contains { !$0.caused.isEmpty }, "no change carried an inherited one (pick another seed)")

            // The text form says the same in words, one line per change.
            let text = try await BatonSegmentProcess.run(["changes", "-f", file], directory: fixture.directory.path)
            #expect(text.status == 0)
            let lines = text.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("Changes in \(file) from sync \(document.older.syncId)") == true)
            #expect(lines.filter { $0.hasPrefix("  +") || $0.hasPrefix("  −") || $0.hasPrefix("      ") }.count == all.count)

            // A third sync with --summary ends with the comparison to the second: nothing changed.
            let summary = try await BatonSegmentProcess.run(
                ["--token", SyncFixture.token, "--base-url", fixture.simulator.baseURL, "-f", file, "--summary", "--log-level", "error"],
                directory: fixture.directory.path)
            #expect(summary.status == 0, "stderr: \(summary.stderr)")
            #expect(summary.stdout.contains("  Changes since the previous sync (\(document.newer.syncId))"))
            #expect(summary.stdout.contains("    0 resources added, 0 removed; 0 grants gained, 0 lost"))
            let reader = try C1ZReader(path: file)
            defer { reader.close() }
            #expect(try reader.syncRuns().map(\.syncID).prefix(1) == [document.newer.syncId], "the oldest of three was removed")
        }
    }
}
