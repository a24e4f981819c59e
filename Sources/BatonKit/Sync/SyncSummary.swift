/// What a sync wrote, for an executable to print and for tests.
public struct SyncSummary: Sendable, Equatable {
    public var syncId: String
    public var syncType: SyncType
    public var resourceTypes = 0
    /// Distinct resources per resource type id.
    public var resourcesByType: [String: Int] = [:]
    public var entitlements = 0
    /// Distinct grants returned by the connector.
    public var grants = 0
    /// Grants created by expansion (not counted in `grants`).
    public var expandedGrants = 0

    public init(syncId: String, syncType: SyncType) {
        self.syncId = syncId
        self.syncType = syncType
    }

    public var resources: Int { resourcesByType.values.reduce(0, +) }

    /// One line, e.g. `sync 2Ab… (full): 8 resource types, 120 resources, 40 entitlements, 300 grants (+25 expanded)`.
    public var line: String {
        var text = "sync \(syncId) (\(syncType.rawValue)): \(resourceTypes) resource types, \(resources) resources"
        if syncType != .resourcesOnly {
            text += ", \(entitlements) entitlements, \(grants) grants"
            if expandedGrants > 0 { text += " (+\(expandedGrants) expanded)" }
        }
        return text
    }
}
