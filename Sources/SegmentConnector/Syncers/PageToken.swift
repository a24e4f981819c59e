/// A connector page token that walks several Segment listings in turn (e.g. the five function
/// kinds, or a group's users then its invites): the phase index and the Segment cursor.
struct PhasedPageToken: Equatable {
    var phase: Int
    var cursor: String?

    init(phase: Int, cursor: String?) {
        self.phase = phase
        self.cursor = cursor
    }

    /// "" is the first page of phase 0; otherwise `<phase>|<cursor>`.
    init(_ token: String) throws {
        if token.isEmpty { self.init(phase: 0, cursor: nil); return }
        guard let bar = token.firstIndex(of: "|"), let phase = Int(token[..<bar]), phase >= 0 else {
            throw SegmentConnectorError.badPageToken(token)
        }
        let cursor = String(token[token.index(after: bar)...])
        self.init(phase: phase, cursor: cursor.isEmpty ? nil : cursor)
    }

    var encoded: String { "\(phase)|\(cursor ?? "")" }

    /// The token after a page of phase `phase` whose Segment `next` is `next`, given `phases` phases.
    static func after(phase: Int, next: String?, phases: Int) -> String {
        if let next, !next.isEmpty { return PhasedPageToken(phase: phase, cursor: next).encoded }
        return phase + 1 < phases ? PhasedPageToken(phase: phase + 1, cursor: nil).encoded : ""
    }
}
