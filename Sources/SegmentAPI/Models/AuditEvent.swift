/// One audit-trail entry (`AuditEventV1`); all strings.
public struct AuditEvent: Codable, Sendable, Equatable {
    /// Segment's id of the event; callers de-duplicate by it when their queries overlap.
    public var id: String
    /// When it happened, as Segment wrote it (ISO 8601); kept as text, not parsed.
    public var timestamp: String?
    /// Segment's human-readable event name, e.g. "User Added To User Group".
    public var type: String?
    /// Id of the user or token that acted.
    public var actor: String?
    /// E-mail of the acting user, when Segment gives one.
    public var actorEmail: String?
    /// Id of the resource acted on (a user, group, source, ...).
    public var resourceId: String?
    /// Kind of the resource acted on, in Segment's own free-form wording.
    public var resourceType: String?
    /// Name of the resource acted on, as Segment shows it.
    public var resourceName: String?

    /// An event with only the fields given; decoding fills them from the response.
    public init(
        id: String, timestamp: String? = nil, type: String? = nil, actor: String? = nil,
        actorEmail: String? = nil, resourceId: String? = nil, resourceType: String? = nil,
        resourceName: String? = nil
    ) {
        self.id = id
        self.timestamp = timestamp
        self.type = type
        self.actor = actor
        self.actorEmail = actorEmail
        self.resourceId = resourceId
        self.resourceType = resourceType
        self.resourceName = resourceName
    }
}

/// Filters of `GET /audit-events`; times are sent verbatim (use RFC 3339 UTC).
public struct AuditEventFilter: Sendable, Equatable {
    /// Only events after this time (nil: as far back as Segment keeps the trail).
    public var startTime: String?
    /// Only events before this time (nil: Segment uses now, or the end time carried in the cursor).
    public var endTime: String?
    /// Only events about this resource id (e.g. a source id).
    public var resourceId: String?
    /// Only events about this kind of resource; Segment does not list the accepted values.
    public var resourceType: String?

    /// A filter with only the given criteria; the default matches every event.
    public init(startTime: String? = nil, endTime: String? = nil, resourceId: String? = nil, resourceType: String? = nil) {
        self.startTime = startTime
        self.endTime = endTime
        self.resourceId = resourceId
        self.resourceType = resourceType
    }
}
