/// Counts the pages of every listing paged through the client, by the cursors it handed out, so
/// a server that always returns a new cursor is stopped past the listing's `PageBound` — also
/// when the caller pages by cursor itself (the connector's page tokens are Segment cursors).
actor CursorLedger {
    /// Where a cursor stands: the page it asks for and the most pages its listing may take.
    struct Position: Sendable {
        var page: Int
        var limit: Int
    }

    private let bound: PageBound
    private var issued: [String: Position] = [:]
    private var order: [String] = []
    /// Cursors remembered at once; the oldest (an abandoned listing's) are forgotten first.
    private let capacity = 10_000

    init(bound: PageBound) {
        self.bound = bound
    }

    /// The position of the page `cursor` of `listing` asks for (nil or unknown: a first page).
    func pageNumber(following cursor: String?, in listing: String) -> Position {
        guard let cursor, let position = issued.removeValue(forKey: Self.key(cursor, listing)) else {
            return Position(page: 1, limit: bound.ceiling)
        }
        return position
    }

    /// Records `next`, returned by page `position` of `listing`; false when past its bound.
    func issue(_ cursor: String, in listing: String, page position: Position, totalEntries: Double?) -> Bool {
        let limit = min(position.limit, bound.limit(totalEntries: totalEntries))
        guard position.page < limit else { return false }
        let next = Self.key(cursor, listing)
        if issued[next] == nil {
            order.append(next)
            if order.count > capacity {
                let dropped = order.count - capacity
                for old in order.prefix(dropped) { issued.removeValue(forKey: old) }
                order.removeFirst(dropped)
            }
        }
        issued[next] = Position(page: position.page + 1, limit: limit)
        return true
    }

    private static func key(_ cursor: String, _ listing: String) -> String { listing + "\u{0}" + cursor }
}
