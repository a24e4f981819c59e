extension ResourceId {
    /// `ResourceId(type, id)`: a resource's type id and upstream id.
    public init(_ resourceType: String, _ resource: String) {
        self.init()
        self.resourceType = resourceType
        self.resource = resource
    }

    /// `"<type>:<id>"`, the c1z `external_id` of a resource.
    public var key: String { "\(resourceType):\(resource)" }
}

extension Entitlement {
    /// `<resource type>:<resource id>:<slug>`; parts are not escaped (docs/baton-conventions.md, "Ids").
    public static func id(resource: ResourceId, slug: String) -> String {
        "\(resource.resourceType):\(resource.resource):\(slug)"
    }
}

extension Grant {
    /// `<entitlement id>:<principal type>:<principal id>`, also used for expanded grants.
    public static func id(entitlementId: String, principal: ResourceId) -> String {
        "\(entitlementId):\(principal.resourceType):\(principal.resource)"
    }
}

extension Grant {
    /// The annotations of a grant expansion creates: it is immutable (it goes when its sources do).
    public static var inheritedAnnotations: [Annotation] { [Annotation(C1_Connector_V2_GrantImmutable())] }

    /// The grant expansion creates for `principal` reached through `sources`: `destination` as given
    /// (expansion passes only its id and resource), the principal by id, a (not direct) source per
    /// entitlement, immutable.
    public static func inherited(destination: Entitlement, principal: ResourceId, sources: [String]) -> Grant {
        var grant = Grant()
        grant.id = Grant.id(entitlementId: destination.id, principal: principal)
        grant.entitlement = destination
        grant.principal.id = principal
        var map: [String: C1_Connector_V2_GrantSources.GrantSource] = [:]
        for source in sources { map[source] = C1_Connector_V2_GrantSources.GrantSource() }
        grant.sources.sources = map
        grant.annotations = inheritedAnnotations
        return grant
    }
}
