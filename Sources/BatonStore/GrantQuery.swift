import BatonProto

/// Which grants to read, by the columns the c1z indexes: who holds them and on what. Every field
/// left nil matches everything; the conditions are combined with "and".
public struct GrantQuery: Sendable, Equatable {
    /// The principal's resource type (`user`, `group`, ...).
    public var principalType: String?
    /// The entitlement's resource type is one of these.
    public var resourceTypes: [String]?
    /// The entitlement's resource type is none of these.
    public var excludedResourceTypes: [String] = []
    /// The entitlement id contains this text (e.g. a slug fragment).
    public var entitlementIdContains: String?
    /// At most this many grants, in the order they were written.
    public var limit = 100

    /// A query; every criterion left out matches everything, and at most `limit` grants come back.
    public init(
        principalType: String? = nil, resourceTypes: [String]? = nil, excludedResourceTypes: [String] = [],
        entitlementIdContains: String? = nil, limit: Int = 100
    ) {
        self.principalType = principalType
        self.resourceTypes = resourceTypes
        self.excludedResourceTypes = excludedResourceTypes
        self.entitlementIdContains = entitlementIdContains
        self.limit = limit
    }

    /// The `where` conditions and their arguments (always bound, never spliced into the SQL).
    var conditions: (sql: String, arguments: [String]) {
        var clauses: [String] = []
        var arguments: [String] = []
        if let principalType {
            clauses.append("principal_resource_type_id = ?")
            arguments.append(principalType)
        }
        if let resourceTypes {
            clauses.append("resource_type_id in (\(resourceTypes.map { _ in "?" }.joined(separator: ",")))")
            arguments += resourceTypes
        }
        if !excludedResourceTypes.isEmpty {
            clauses.append("resource_type_id not in (\(excludedResourceTypes.map { _ in "?" }.joined(separator: ",")))")
            arguments += excludedResourceTypes
        }
        if let entitlementIdContains {
            clauses.append("instr(entitlement_id, ?) > 0")
            arguments.append(entitlementIdContains)
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " and "), arguments)
    }
}

extension C1ZReader {
    /// The grants of the list sync that match `query`, in the order they were written.
    public func grants(matching query: GrantQuery) throws -> [C1_Connector_V2_Grant] {
        let (sql, arguments) = query.conditions
        return try list(C1ZSchema.grants, filter: "(\(sql))", arguments: arguments, limit: query.limit)
    }
}
