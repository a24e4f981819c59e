import BatonKit
import Testing

@testable import baton_segment

/// What `--summary` prints: counts per type, entitlements, grants split into direct and inherited,
/// requests per operation (none that were not made), and the time.
@Suite struct SyncReportTests {
    @Test func theSummaryNamesEveryCountInWords() {
        var summary = SyncSummary(syncId: "2abcSYNC", syncType: .full)
        summary.resourcesByType = ["user": 12, "group": 3, "workspace": 1]
        summary.entitlements = 40
        summary.grants = 44
        summary.expandedGrants = 15
        let report = SyncReport(
            summary: summary, file: "/nonexistent/sync.c1z",
            requests: ["listUsers": 2, "getWorkspace": 1, "listSpaces": 0],
            elapsed: .milliseconds(1_250))
        let lines = report.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Synced Segment workspace into /nonexistent/sync.c1z (sync 2abcSYNC)")
        #expect(lines.contains("    group        3"))
        #expect(lines.contains("    user         12"))
        #expect(lines.contains("    total        16"))
        #expect(lines.contains("  Entitlements  40"))
        #expect(lines.contains("  Grants        59 (44 direct, 15 inherited through groups)"))
        #expect(lines.contains("  API requests  3"))
        #expect(lines.contains { $0.hasPrefix("    listUsers") && $0.hasSuffix(" 2") })
        #expect(!lines.contains { $0.contains("listSpaces") })
        #expect(lines.last == "  Time          1.25 s")
        // An unreadable file gives no example lines rather than an error.
        #expect(!lines.contains("  For example"))
    }
}
