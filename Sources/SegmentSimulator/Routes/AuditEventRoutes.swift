/// The audit trail: served newest first; IAM writes append to it.
extension WorkspaceState {
    func listAuditEvents(_ r: RouteRequest) throws(APIError) -> RouteResult {
        func time(_ key: String) throws(APIError) -> Int? {
            guard let text = r.query[key], !text.isEmpty else { return nil }
            guard let t = UTCTime.parseISO8601(text) else { throw .validation("\"\(key)\" must be an ISO-8601 time", field: key) }
            return t
        }
        let start = try time("startTime")
        let end = try time("endTime")
        let resourceId = r.query["resourceId"]
        let resourceType = r.query["resourceType"]
        let filtered = auditEvents.reversed().filter { e in
            if let resourceId, e.resourceId != resourceId { return false }
            if let resourceType, e.resourceType != resourceType { return false }
            guard start != nil || end != nil else { return true }
            let t = UTCTime.parseISO8601(e.timestamp) ?? 0
            return (start.map { t >= $0 } ?? true) && (end.map { t <= $0 } ?? true)
        }
        return .ok(try Pagination(query: r.query, total: filtered.count).page(filtered, key: "events", render: WireFormat.auditEvent))
    }

    /// Appends an event as the API token would be recorded (never the token itself).
    mutating func record(_ type: String, resourceId: String, resourceType: String, resourceName: String, at now: Int) {
        eventCounter += 1
        auditEvents.append(
            .init(
                id: "simevt\(String(eventCounter, radix: 36))", timestamp: UTCTime.iso8601(now), type: type,
                actor: "public-api-token", actorEmail: nil, resourceId: resourceId, resourceType: resourceType, resourceName: resourceName))
    }
}
