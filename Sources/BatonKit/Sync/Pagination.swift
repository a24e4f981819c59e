/// Follows a connector's page tokens to the end, refusing to loop.
enum Pagination {
    /// Calls `fetch` with `""`, then with each returned token until one is `""`, handing every
    /// page's items to `body`. A token equal to the one just passed in, or already seen in this
    /// listing, fails with an error naming the listing, and so does a listing past `maxPages`.
    static func forEachPage<Item: Sendable>(
        listing: @autoclosure () -> String,
        maxPages: Int = .max,
        fetch: (String) async throws -> SyncPage<Item>,
        body: ([Item]) async throws -> Void
    ) async throws {
        var token = ""
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
            if next.isEmpty { return }
            guard next != token, seen.insert(next).inserted else {
                let shown = next.count > 64 ? String(next.prefix(64)) + "…" : next
                throw BatonError.internal("connector returned page token \"\(shown)\" again while \(listing()); stopping the sync to avoid an endless loop")
            }
            token = next
        }
    }
}
