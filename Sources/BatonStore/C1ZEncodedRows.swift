import BatonProto

/// A grant turned into its `v1_grants` column values and deterministic blob. Encoding is pure, so
/// callers can do it on their own tasks (in parallel) and hand the writer actor only the SQLite work.
package struct C1ZEncodedGrant: Sendable {
    let resourceTypeID: String
    let resourceID: String
    let entitlementID: String
    let principalTypeID: String
    let principalID: String
    let externalID: String
    let data: [UInt8]

    init(
        resourceTypeID: String, resourceID: String, entitlementID: String, principalTypeID: String,
        principalID: String, externalID: String, data: [UInt8]
    ) {
        self.resourceTypeID = resourceTypeID
        self.resourceID = resourceID
        self.entitlementID = entitlementID
        self.principalTypeID = principalTypeID
        self.principalID = principalID
        self.externalID = externalID
        self.data = data
    }

    /// Checks `grant` (as the writer would) and encodes it with re-packed annotations.
    package init(_ grant: C1_Connector_V2_Grant) throws {
        var cache: EntitlementField?
        try self.init(grant, cache: &cache)
    }

    /// The encoded entitlement (field 1) of the previous grant, reused while grants share it.
    struct EntitlementField {
        let entitlement: C1_Connector_V2_Entitlement
        let bytes: [UInt8]
    }

    /// Encodes `grant` as `field 1 (entitlement) + the rest`: field 1 comes first in the
    /// deterministic encoding, so the bytes equal encoding the whole grant, but a run of grants of
    /// one entitlement (expansion writes thousands) encodes and normalises that entitlement once.
    init(_ grant: C1_Connector_V2_Grant, cache: inout EntitlementField?) throws {
        try C1ZRows.checkGrant(grant)
        resourceTypeID = grant.entitlement.resource.id.resourceType
        resourceID = grant.entitlement.resource.id.resource
        entitlementID = grant.entitlement.id
        principalTypeID = grant.principal.id.resourceType
        principalID = grant.principal.id.resource
        externalID = grant.id
        let field: [UInt8]
        if let cached = cache, cached.entitlement == grant.entitlement {
            field = cached.bytes
        } else {
            field = try Self.entitlementField(grant.entitlement)
            cache = EntitlementField(entitlement: grant.entitlement, bytes: field)
        }
        var rest = grant
        rest.clearEntitlement()
        data = try field + ProtoCoding.encode(ProtoCoding.normalized(rest))
    }

    /// Field 1 of a grant's deterministic encoding: its (normalised) entitlement, length-delimited.
    static func entitlementField(_ entitlement: C1_Connector_V2_Entitlement) throws -> [UInt8] {
        var field: [UInt8] = []
        ProtoWire.appendBytes(try ProtoCoding.encode(ProtoCoding.normalized(entitlement)), field: 1, to: &field)
        return field
    }

    /// Encodes every grant of `grants`, in order.
    package static func encode(_ grants: [C1_Connector_V2_Grant]) throws -> [C1ZEncodedGrant] {
        var cache: EntitlementField?
        var rows: [C1ZEncodedGrant] = []
        rows.reserveCapacity(grants.count)
        for grant in grants { rows.append(try C1ZEncodedGrant(grant, cache: &cache)) }
        return rows
    }
}

/// A resource turned into its `v1_resources` column values and deterministic blob (see ``C1ZEncodedGrant``).
package struct C1ZEncodedResource: Sendable {
    let resourceTypeID: String
    let externalID: String
    let parentTypeID: String?
    let parentID: String?
    let data: [UInt8]

    /// Checks `resource` (as the writer would) and encodes it with re-packed annotations.
    package init(_ resource: C1_Connector_V2_Resource) throws {
        try C1ZRows.checkResource(resource)
        let parent = resource.hasParentResourceID ? resource.parentResourceID : nil
        resourceTypeID = resource.id.resourceType
        externalID = C1ZRows.resourceExternalID(resource.id)
        parentTypeID = parent?.resourceType
        parentID = parent?.resource
        data = try ProtoCoding.encode(ProtoCoding.normalized(resource))
    }

    /// Encodes every resource of `resources`, in order.
    package static func encode(_ resources: [C1_Connector_V2_Resource]) throws -> [C1ZEncodedResource] {
        try resources.map(C1ZEncodedResource.init)
    }
}
