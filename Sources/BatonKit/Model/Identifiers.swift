extension ResourceId {
    /// `ResourceId(type, id)`: a resource's type id and upstream id.
    public init(_ resourceType: String, _ resource: String) {
        self.init()
        self.resourceType = resourceType
        self.resource = resource
    }

    /// `"<type>:<id>"`, the c1z `external_id` of a resource (§3).
    public var key: String { "\(resourceType):\(resource)" }
}

extension Entitlement {
    /// `<resource type>:<resource id>:<slug>` (§3); parts are not escaped.
    public static func id(resource: ResourceId, slug: String) -> String {
        "\(resource.resourceType):\(resource.resource):\(slug)"
    }
}

extension Grant {
    /// `<entitlement id>:<principal type>:<principal id>` (§3), also used for expanded grants.
    public static func id(entitlementId: String, principal: ResourceId) -> String {
        "\(entitlementId):\(principal.resourceType):\(principal.resource)"
    }
}
