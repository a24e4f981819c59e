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
