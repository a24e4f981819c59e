import BatonKit
import Foundation
import SegmentAPI

/// The index's facts as persisted session values (`segment:index:<kind>:<id>`), written with
/// each listed page, so that a sync resumed after a crash rebuilds the index of the pages the
/// interrupted process listed instead of reading them from Segment again.
enum PersistedIndexFact {
    static let prefix = "segment:index:"

    static func user(_ id: String, permissions: [Permission]) throws -> (String, [UInt8]) {
        ("\(prefix)user:\(id)", Array(try JSONEncoder().encode(permissions)))
    }

    static func group(_ id: String, permissions: [Permission]) throws -> (String, [UInt8]) {
        ("\(prefix)group:\(id)", Array(try JSONEncoder().encode(permissions)))
    }

    static func resource(segmentType: String, id: String) -> (String, [UInt8]) {
        ("\(prefix)resource:\(segmentType)/\(id)", [])
    }

    static func invite(_ email: String) -> (String, [UInt8]) {
        ("\(prefix)invite:\(email)", [])
    }

    /// Writes a page's facts; the engine's next checkpoint covers them.
    static func persist(_ facts: [(String, [UInt8])], context: SyncContext) async throws {
        try await context.persisted.put(Dictionary(facts, uniquingKeysWith: { $1 }))
    }
}

extension PermissionIndex {
    /// Replays persisted facts (none in a sync that did not resume).
    func restore(from values: [String: [UInt8]]) throws {
        let decoder = JSONDecoder()
        for (key, value) in values {
            let rest = key.dropFirst(PersistedIndexFact.prefix.count)
            guard let colon = rest.firstIndex(of: ":") else { continue }
            let id = String(rest[rest.index(after: colon)...])
            switch rest[..<colon] {
            case "user":
                noteUser(id)
                record(
                    principalType: SegmentResourceTypes.user.id, id: id,
                    permissions: try decoder.decode([Permission].self, from: Data(value)))
            case "group":
                record(
                    principalType: SegmentResourceTypes.group.id, id: id,
                    permissions: try decoder.decode([Permission].self, from: Data(value)))
            case "resource":
                guard let slash = id.firstIndex(of: "/") else { continue }
                noteResource(segmentType: String(id[..<slash]), id: String(id[id.index(after: slash)...]))
            case "invite":
                noteInvite(id)
            default:
                continue
            }
        }
    }
}
