import BatonKit
import Logging
import SegmentAPI

/// Plan gating: a feature the workspace's plan lacks is skipped with one warning per sync, and
/// the sync carries on. Anything else is a real failure and is rethrown, never read as "empty".
enum FeatureGate {
    /// Runs `body`; when Segment says the feature is not in the plan (or, for `optional`
    /// endpoints such as alpha spaces, not available at all), warns once and returns `fallback`.
    static func skippingUnavailable<T: Sendable>(
        _ feature: String, context: SyncContext, optional: Bool = false, fallback: T,
        _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch let error as SegmentAPIError where isUnavailable(error, optional: optional) {
            await warnOnce(feature, error: error, context: context)
            return fallback
        }
    }

    static func isUnavailable(_ error: SegmentAPIError, optional: Bool) -> Bool {
        switch error {
        case .featureNotInPlan: true
        case .forbidden, .notFound: optional
        default: false
        }
    }

    private static func warnOnce(_ feature: String, error: SegmentAPIError, context: SyncContext) async {
        let key = "unavailable:\(feature)"
        if await context.session.get(key, as: Bool.self) == true { return }
        await context.session.set(key, true)
        context.logger.warning("skipping \(feature): not available in this workspace", metadata: [
            "feature": .string(feature), "reason": .string(error.description),
        ])
    }
}
