/// One page of a list: its items and the cursor of the following page (nil on the last page).
public struct Page<Item: Sendable>: Sendable {
    /// The page's items, in the order Segment sent them.
    public var items: [Item]
    /// Opaque cursor for the next call; nil when Segment sent none, null or "".
    public var next: String?
    /// Cursor of this page, when Segment sent one.
    public var current: String?
    /// Total count when Segment computed it (a JSON number, possibly non-integral).
    public var totalEntries: Double?

    /// A page; an empty `next` is stored as nil, so "" never reads as a further page.
    public init(items: [Item], next: String?, current: String? = nil, totalEntries: Double? = nil) {
        self.items = items
        self.next = (next?.isEmpty ?? true) ? nil : next
        self.current = current
        self.totalEntries = totalEntries
    }
}

extension Page: Equatable where Item: Equatable {}

/// `data.pagination` (`PaginationOutput`).
struct PaginationOutput: Decodable {
    var current: String?
    var next: String?
    var previous: String?
    var totalEntries: Double?
}
