/// One page of a listing. `nextPageToken` is opaque to the engine; `""` means this was the last
/// page. Returning the token you were given (or any token already seen in this listing) fails
/// the sync, because it would loop forever.
public struct SyncPage<Item: Sendable>: Sendable {
    /// This page's objects; a page may be empty and still not be the last.
    public var items: [Item]
    /// Where the next call resumes; `""` ends the listing.
    public var nextPageToken: String

    /// A page of `items`; without a token it is the last page.
    public init(_ items: [Item], nextPageToken: String = "") {
        self.items = items
        self.nextPageToken = nextPageToken
    }

    /// A last page with nothing in it (e.g. a child-only type asked for at the top level).
    public static var empty: SyncPage { SyncPage([]) }
}
