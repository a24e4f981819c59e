/// The audit trail (Business plan), used as an incremental-sync hint.
extension SegmentClient {
    /// `GET /audit-events` — one page of events matching `filter`.
    public func listAuditEvents(filter: AuditEventFilter = AuditEventFilter(), cursor: String?) async throws
        -> Page<AuditEvent>
    {
        var query: [(String, String)] = []
        if let value = filter.startTime { query.append(("startTime", value)) }
        if let value = filter.endTime { query.append(("endTime", value)) }
        if let value = filter.resourceId { query.append(("resourceId", value)) }
        if let value = filter.resourceType { query.append(("resourceType", value)) }
        return try await page("listAuditEvents", "/audit-events", key: "events", cursor: cursor, extraQuery: query)
    }

    /// Every event matching `filter`.
    public func allAuditEvents(filter: AuditEventFilter = AuditEventFilter()) -> PagedSequence<AuditEvent> {
        sequence("listAuditEvents") { try await self.listAuditEvents(filter: filter, cursor: $0) }
    }
}
