import BatonKit
import BatonStore
import Foundation

/// The `changes` output and the end of `--summary`: what changed between the two newest syncs
/// of a file, one line per change in words, Workspace Owner changes first, then people and
/// resources added or removed (with their grant changes under them), then other grant changes;
/// inherited changes sit indented under the change that caused them.
struct ChangeReport {
    /// One change: its words, and the changes it brought along.
    struct Entry: Codable, Equatable {
        /// `gained`, `lost`, `added` or `removed`.
        var change: String
        /// `grant` or `resource`.
        var kind: String
        /// The grant id, or the resource as `<type>:<id>`.
        var id: String
        var text: String
        /// True for a grant held only through a group (expansion).
        var inherited: Bool
        var caused: [Entry]
    }

    struct Counts: Codable, Equatable {
        var resourcesAdded = 0, resourcesRemoved = 0
        var grantsGained = 0, grantsLost = 0
        var inheritedGained = 0, inheritedLost = 0
    }

    struct SyncRef: Codable, Equatable {
        var syncId: String
        var endedAt: String
    }

    var file: String
    var older: SyncRef
    var newer: SyncRef
    var counts: Counts
    var entries: [Entry]

    init(_ changes: SyncChanges, file: String) {
        self.file = file
        older = SyncRef(syncId: changes.older.syncID, endedAt: changes.older.endedAtText ?? "")
        newer = SyncRef(syncId: changes.newer.syncID, endedAt: changes.newer.endedAtText ?? "")
        let diff = changes.diff
        counts = Counts(
            resourcesAdded: diff.addedResources.count, resourcesRemoved: diff.removedResources.count,
            grantsGained: diff.gainedGrants.count, grantsLost: diff.lostGrants.count,
            inheritedGained: diff.gainedGrants.filter { !$0.isDirect }.count,
            inheritedLost: diff.lostGrants.filter { !$0.isDirect }.count)

        func entry(_ change: SyncChanges.GrantChange, gained: Bool) -> Entry {
            Entry(
                change: gained ? "gained" : "lost", kind: "grant", id: change.grant.grantID,
                text: ChangeWording.line(change.grant, gained: gained), inherited: !change.grant.isDirect,
                caused: change.inherited.map {
                    Entry(
                        change: gained ? "gained" : "lost", kind: "grant", id: $0.grantID,
                        text: ChangeWording.line($0, gained: gained), inherited: true, caused: [])
                })
        }
        func entry(_ change: SyncChanges.ResourceChange, added: Bool) -> Entry {
            Entry(
                change: added ? "added" : "removed", kind: "resource",
                id: "\(change.resource.resourceType):\(change.resource.resourceID)",
                text: ChangeWording.line(change.resource, added: added), inherited: false,
                caused: change.grants.sorted(by: Self.byText(added)).map { entry($0, gained: added) })
        }
        let grants = changes.gained.map { ($0, true) } + changes.lost.map { ($0, false) }
        let owners = grants.filter { ChangeWording.isOwnerRole($0.0.grant) }
        let others = grants.filter { !ChangeWording.isOwnerRole($0.0.grant) }
            .sorted {
                (ChangeWording.holder($0.0.grant), $0.1 ? 0 : 1, ChangeWording.access($0.0.grant))
                    < (ChangeWording.holder($1.0.grant), $1.1 ? 0 : 1, ChangeWording.access($1.0.grant))
            }
        let resources = changes.added.map { entry($0, added: true) } + changes.removed.map { entry($0, added: false) }
        entries =
            owners.map { entry($0.0, gained: $0.1) }
            + resources.sorted {
                ($0.id.split(separator: ":").first ?? "", $0.change, $0.text) < (
                    $1.id.split(separator: ":").first ?? "", $1.change, $1.text
                )
            }
            + others.map { entry($0.0, gained: $0.1) }
    }

    private static func byText(_ gained: Bool) -> (SyncChanges.GrantChange, SyncChanges.GrantChange) -> Bool {
        { ChangeWording.line($0.grant, gained: gained) < ChangeWording.line($1.grant, gained: gained) }
    }

    /// "2 resources added, 1 removed; 9 grants gained (5 through groups), 4 lost (1 through groups)"
    var countsLine: String {
        func through(_ inherited: Int) -> String { inherited > 0 ? " (\(inherited) through groups)" : "" }
        let resources =
            "\(counts.resourcesAdded) resource\(counts.resourcesAdded == 1 ? "" : "s") added, \(counts.resourcesRemoved) removed"
        let gained = "\(counts.grantsGained) grant\(counts.grantsGained == 1 ? "" : "s") gained\(through(counts.inheritedGained))"
        return "\(resources); \(gained), \(counts.grantsLost) lost\(through(counts.inheritedLost))"
    }

    /// The lines of `entries`, children indented under their cause; `limit` caps top-level entries.
    func lines(indent: String, limit: Int? = nil) -> [String] {
        var out: [String] = []
        func sign(_ entry: Entry) -> String { entry.change == "gained" || entry.change == "added" ? "+" : "−" }
        for entry in entries.prefix(limit ?? entries.count) {
            out.append("\(indent)\(sign(entry)) \(entry.text)")
            for child in entry.caused {
                out.append("\(indent)    \(sign(child)) \(child.text)")
                for grandchild in child.caused { out.append("\(indent)        \(sign(grandchild)) \(grandchild.text)") }
            }
        }
        return out
    }

    /// The full text `changes` prints.
    var text: String {
        var out = [
            "Changes in \(file) from sync \(older.syncId) (ended \(older.endedAt) UTC) to sync \(newer.syncId) (ended \(newer.endedAt) UTC)",
            "  \(countsLine)",
        ]
        if entries.isEmpty {
            out.append("  nothing changed")
        } else {
            out.append("")
            out += lines(indent: "  ")
        }
        return out.joined(separator: "\n")
    }

    /// The short form `--summary` ends with: counts and the first few changes.
    func short(limit: Int = 5) -> [String] {
        var out = ["  Changes since the previous sync (\(older.syncId))", "    \(countsLine)"]
        out += lines(indent: "    ", limit: limit)
        if entries.count > limit {
            out.append("    … and \(entries.count - limit) more: baton-segment changes -f \(file)")
        }
        return out
    }

    /// `--output json`: the same content, one object.
    func json() throws -> String {
        struct Document: Codable {
            var file: String
            var older: SyncRef
            var newer: SyncRef
            var counts: Counts
            var changes: [Entry]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Document(file: file, older: older, newer: newer, counts: counts, changes: entries))
        return String(decoding: data, as: UTF8.self)
    }
}
