import Foundation

/// The engine's progress, as JSON in the unfinished sync's `sync_token`: enough to carry on
/// after a crash without repeating finished listings. Written in one transaction with the rows
/// it covers, so it never claims a page the file does not hold (pages written after it are
/// fetched again, which is harmless: rows upsert by id).
///
/// - resources: per listing (`<type>@<parent key>`, parent empty at the top level), done or the
///   token of the next page; listings of children are recomputed from the stored resources.
/// - entitlements and grants: the work list is the stored resources in first-written order;
///   items below `doneBelow` and those in `done` are finished, `next` holds the next page token
///   of items part-way through.
/// - expansion: local work; it is run again from the start (it writes the same rows when rerun).
struct SyncCheckpoint: Codable, Equatable, Sendable {
    static let currentFormat = 1

    enum Phase: String, Codable, Comparable, Sendable {
        case resources, entitlements, grants, expansion

        private var order: Int { [.resources, .entitlements, .grants, .expansion].firstIndex(of: self)! }
        static func < (a: Phase, b: Phase) -> Bool { a.order < b.order }
    }

    struct WorkProgress: Codable, Equatable, Sendable {
        var doneBelow = 0
        var done: [Int] = []
        /// Item index (as text) → next page token.
        var next: [String: String] = [:]

        func isDone(_ index: Int) -> Bool { index < doneBelow || done.contains(index) }
    }

    var format = currentFormat
    /// ``SyncOptions/connectorIdentity`` of the process that wrote it.
    var connector: String
    /// ``SyncOptions/shape`` of the run.
    var shape: String
    var syncId: String
    var phase: Phase
    var listingsDone: [String] = []
    var listingTokens: [String: String] = [:]
    var work = WorkProgress()

    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func decode(_ text: String) -> SyncCheckpoint? {
        try? JSONDecoder().decode(SyncCheckpoint.self, from: Data(text.utf8))
    }
}
