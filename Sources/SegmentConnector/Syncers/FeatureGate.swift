import BatonKit
import Logging
import SegmentAPI

/// Plan gating: a feature the workspace's plan lacks is skipped with one warning per sync, and
/// the sync carries on. Anything else is a real failure and is rethrown, never read as "empty".
///
/// Only the first page of a listing can say "not in this plan": a plan does not change between
/// page 1 and page 2, so a gate answer later means the listing is broken and skipping it would
/// silently truncate the collection. A 403 or 404 counts only when it carries the plan-gate
/// wording (the client maps those to `featureNotInPlan`); a plain one is a failure.
enum FeatureGate {
    /// Runs `body`; when Segment says on the listing's `firstPage` that the feature is not in the
    /// plan, warns once and returns `fallback`.
    static func skippingUnavailable<T: Sendable>(
        _ feature: String, context: SyncContext, firstPage: Bool, fallback: T,
        _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch let error as SegmentAPIError where firstPage && isUnavailable(error) {
            await warnOnce(feature, error: error, context: context)
            return fallback
        }
    }

    /// Every item of a paged listing; when Segment says on its first page that the feature is not
    /// in the plan, warns once and returns nothing. A gate answer after items arrived is a failure.
    static func collectingUnavailable<Item: Sendable>(
        _ feature: String, context: SyncContext, _ listing: PagedSequence<Item>
    ) async throws -> [Item] {
        var items: [Item] = []
        do {
            var pages = listing.makeAsyncIterator()
            while let item = try await pages.next() { items.append(item) }
            return items
        } catch let error as SegmentAPIError {
            guard items.isEmpty, isUnavailable(error) else { throw error }
            await warnOnce(feature, error: error, context: context)
            return []
        }
    }

    static func isUnavailable(_ error: SegmentAPIError) -> Bool {
        if case .featureNotInPlan = error { return true }
        return false
    }

    private static func warnOnce(_ feature: String, error: SegmentAPIError, context: SyncContext) async {
        let key = "unavailable:\(feature)"
        if await context.session.get(key, as: Bool.self) == true { return }
        await context.session.set(key, true)
        context.logger.warning(
            "skipping \(feature): not available in this workspace",
            metadata: [
                "feature": .string(feature), "reason": .string(error.description),
            ])
    }
}
