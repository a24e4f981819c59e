import BatonKit
import Foundation

/// The summary `--summary` prints after a sync: what was written, what it cost, how long it took.
struct SyncReport {
    let summary: SyncSummary
    let file: String
    let requests: [String: Int]
    let elapsed: Duration

    var text: String {
        var lines: [String] = []
        lines.append("Synced Segment workspace into \(file) (sync \(summary.syncId))")
        lines.append("")
        lines.append("  Resources")
        for (type, count) in summary.resourcesByType.sorted(by: { $0.key < $1.key }) {
            lines.append("    \(type.padding(toLength: 12, withPad: " ", startingAt: 0)) \(count)")
        }
        lines.append("    \("total".padding(toLength: 12, withPad: " ", startingAt: 0)) \(summary.resources)")
        lines.append("")
        lines.append("  Entitlements  \(summary.entitlements)")
        lines.append(
            "  Grants        \(summary.grants + summary.expandedGrants) (\(summary.grants) direct, \(summary.expandedGrants) inherited through groups)"
        )
        let examples = GrantExamples.lines(file: file)
        if !examples.isEmpty {
            lines.append("")
            lines.append("  For example")
            lines += examples
        }
        lines.append("")
        let total = requests.values.reduce(0, +)
        lines.append("  API requests  \(total)")
        for (operation, count) in requests.sorted(by: { $0.key < $1.key }) where count > 0 {
            lines.append("    \(operation.padding(toLength: 26, withPad: " ", startingAt: 0)) \(count)")
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        lines.append("")
        lines.append("  Time          \(String(format: "%.2f", seconds)) s")
        // With an earlier sync in the file, the summary ends with what changed since (in short).
        if summary.syncType == .full, let changes = try? SyncChanges.latest(in: file), changes.newer.syncID == summary.syncId {
            lines.append("")
            lines += ChangeReport(changes, file: file).short()
        }
        return lines.joined(separator: "\n")
    }
}
