/// One audit-trail entry (`AuditEventV1`); all strings.
public struct AuditEvent: Codable, Sendable, Equatable {
    public var id: String
    public var timestamp: String?
    public var type: String?
    public var actor: String?
    public var actorEmail: String?
    public var resourceId: String?
    public var resourceType: String?
    public var resourceName: String?

    public init(id: String, timestamp: String? = nil, type: String? = nil, actor: String? = nil,
                actorEmail: String? = nil, resourceId: String? = nil, resourceType: String? = nil,
                resourceName: String? = nil) {
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
    public var startTime: String?
    public var endTime: String?
    public var resourceId: String?
    public var resourceType: String?

    public init(startTime: String? = nil, endTime: String? = nil, resourceId: String? = nil, resourceType: String? = nil) {
        self.startTime = startTime
        self.endTime = endTime
        self.resourceId = resourceId
        self.resourceType = resourceType
    }
}
