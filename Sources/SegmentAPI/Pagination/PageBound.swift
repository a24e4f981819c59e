/// How many pages a listing may take before it is treated as endless: ten times what the
/// listing's reported total implies (totals move while paging, so the margin is wide), and never
/// more than a fixed ceiling (for listings that report no total).
public struct PageBound: Sendable, Equatable {
    /// Items per page that was asked for (`pagination.count`).
    public var pageSize: Int
    /// Pages allowed whatever the totals say.
    public var ceiling: Int

    /// A bound for pages of `pageSize` items, at most `ceiling` pages; both are raised to at least 1.
    public init(pageSize: Int, ceiling: Int) {
        self.pageSize = max(1, pageSize)
        self.ceiling = max(1, ceiling)
    }

    /// Generous enough for any real workspace: 100,000 pages of 200 is 20 million items.
    public static let standard = PageBound(pageSize: 200, ceiling: 100_000)

    /// The most pages allowed, given the latest `totalEntries` Segment reported (nil = none).
    public func limit(totalEntries: Double?) -> Int {
        guard let total = totalEntries, total.isFinite, total >= 0 else { return ceiling }
        let implied = max(1, (total / Double(pageSize)).rounded(.up))
        let generous = min(Double(ceiling), implied * 10)
        return max(1, Int(generous))
    }
}
