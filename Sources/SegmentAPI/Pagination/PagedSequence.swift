/// Every item of a Segment list, fetched page by page as it is iterated.
///
/// Stops when a page has no `next` cursor. A cursor seen before (including the one just requested)
/// throws `SegmentAPIError.repeatedCursor` instead of looping forever.
public struct PagedSequence<Item: Sendable>: AsyncSequence, Sendable {
    /// Each element is one item of the list, not a page.
    public typealias Element = Item

    let operation: String
    let fetchPage: @Sendable (String?) async throws -> Page<Item>

    /// `fetchPage(cursor)` returns one page; nil asks for the first.
    public init(operation: String, fetchPage: @escaping @Sendable (String?) async throws -> Page<Item>) {
        self.operation = operation
        self.fetchPage = fetchPage
    }

    /// A fresh iteration from the first page; iterating twice fetches every page twice.
    public func makeAsyncIterator() -> Iterator {
        Iterator(operation: operation, fetchPage: fetchPage)
    }

    /// Reads every page into one array.
    public func collect() async throws -> [Item] {
        var items: [Item] = []
        for try await item in self { items.append(item) }
        return items
    }

    /// Walks the pages one request at a time, only when the previous page's items are used up.
    public struct Iterator: AsyncIteratorProtocol {
        let operation: String
        let fetchPage: @Sendable (String?) async throws -> Page<Item>
        private var buffer: [Item] = []
        private var index = 0
        private var cursor: String?
        private var started = false
        private var finished = false
        private var seenCursors = Set<String>()

        init(operation: String, fetchPage: @escaping @Sendable (String?) async throws -> Page<Item>) {
            self.operation = operation
            self.fetchPage = fetchPage
        }

        /// The next item, fetching the following page when needed; nil after the last page.
        ///
        /// Throws what the page fetch throws, or `SegmentAPIError.repeatedCursor` when a cursor comes back.
        public mutating func next() async throws -> Item? {
            while index >= buffer.count {
                guard !finished else { return nil }
                if started, cursor == nil { finished = true; return nil }
                let page = try await fetchPage(cursor)
                started = true
                buffer = page.items
                index = 0
                if let requested = cursor { seenCursors.insert(requested) }
                if let current = page.current, !current.isEmpty { seenCursors.insert(current) }
                if let next = page.next {
                    guard !seenCursors.contains(next) else {
                        finished = true
                        throw SegmentAPIError.repeatedCursor(operation: operation, cursor: next)
                    }
                    cursor = next
                } else {
                    cursor = nil
                    finished = true
                }
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}
