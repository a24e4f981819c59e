/// Follows a connector's page tokens to the end, refusing to loop.
enum Pagination {
    /// Calls `fetch` with `startToken` (`""` = the first page), then with each returned token
    /// until one is `""`, handing every page's items to `body` and then the page's next token to
    /// `stored` (the engine's progress). A token equal to the one just passed in, or already seen in this
    /// listing, fails with an error naming the listing, and so does a listing past `maxPages`.
    static func forEachPage<Item: Sendable>(
        listing: @autoclosure () -> String,
        maxPages: Int = .max,
        startToken: String = "",
        fetch: (String) async throws -> SyncPage<Item>,
        body: ([Item]) async throws -> Void,
        stored: (String) async throws -> Void = { _ in }
    ) async throws {
        var token = startToken
        var seen: Set<String> = []
        var pages = 0
        while true {
            try Task.checkCancellation()
            guard pages < maxPages else {
                throw BatonError.internal("stopped \(listing()) after \(pages) pages: the connector kept returning new page tokens")
            }
            pages += 1
            let page = try await fetch(token)
            try await body(page.items)
            let next = page.nextPageToken
            guard next.isEmpty || (next != token && seen.insert(next).inserted) else {
                let shown = next.count > 64 ? String(next.prefix(64)) + "…" : next
                throw BatonError.internal(
                    "connector returned page token \"\(shown)\" again while \(listing()); stopping the sync to avoid an endless loop")
            }
            try await stored(next)
            if next.isEmpty { return }
            token = next
        }
    }
}
