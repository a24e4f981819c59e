/// What a sync wrote, for an executable to print and for tests.
package struct SyncSummary: Sendable, Equatable {
    package var syncId: String
    package var syncType: SyncType
    package var resourceTypes = 0
    /// Distinct resources per resource type id.
    package var resourcesByType: [String: Int] = [:]
    package var entitlements = 0
    /// Distinct grants returned by the connector.
    package var grants = 0
    /// Grants created by expansion (not counted in `grants`).
    package var expandedGrants = 0

    package init(syncId: String, syncType: SyncType) {
        self.syncId = syncId
        self.syncType = syncType
    }

    package var resources: Int { resourcesByType.values.reduce(0, +) }

    /// One line, e.g. `sync 2Ab… (full): 8 resource types, 120 resources, 40 entitlements, 300 grants (+25 expanded)`.
    package var line: String {
        var text = "sync \(syncId) (\(syncType.rawValue)): \(resourceTypes) resource types, \(resources) resources"
        if syncType != .resourcesOnly {
            text += ", \(entitlements) entitlements, \(grants) grants"
            if expandedGrants > 0 { text += " (+\(expandedGrants) expanded)" }
        }
        return text
    }
}
