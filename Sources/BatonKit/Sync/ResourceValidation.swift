/// Checks on what a connector returns, so a broken object fails the sync with a clear message
/// instead of producing a file readers crash on (docs/baton-conventions.md, "What the `baton` CLI needs").
enum ResourceValidation {
    static func check(_ resource: Resource, declaredTypes: [String: ResourceType], listing: String) throws {
        guard resource.hasID, !resource.id.resourceType.isEmpty, !resource.id.resource.isEmpty else {
            throw BatonError.internal("\(listing) returned a resource with an empty id")
        }
        guard let type = declaredTypes[resource.id.resourceType] else {
            throw BatonError.internal(
                "\(listing) returned resource \(resource.id.key) of undeclared resource type \"\(resource.id.resourceType)\"")
        }
        for trait in type.traits {
            let present: Bool
            let name: String
            switch trait {
            case .user: (present, name) = (resource.annotations.contains(C1_Connector_V2_UserTrait.self), "UserTrait")
            case .group: (present, name) = (resource.annotations.contains(C1_Connector_V2_GroupTrait.self), "GroupTrait")
            case .role: (present, name) = (resource.annotations.contains(C1_Connector_V2_RoleTrait.self), "RoleTrait")
            case .app: (present, name) = (resource.annotations.contains(C1_Connector_V2_AppTrait.self), "AppTrait")
            case .secret: (present, name) = (resource.annotations.contains(C1_Connector_V2_SecretTrait.self), "SecretTrait")
            default: continue
            }
            if !present {
                throw BatonError.internal("resource \(resource.id.key) was missing expected trait \(name)")
            }
        }
    }

    static func check(_ entitlement: Entitlement, listing: String) throws {
        guard !entitlement.id.isEmpty else { throw BatonError.internal("\(listing) returned an entitlement with an empty id") }
        guard entitlement.hasResource, !entitlement.resource.id.resourceType.isEmpty, !entitlement.resource.id.resource.isEmpty else {
            throw BatonError.internal("\(listing) returned entitlement \(entitlement.id) without a resource id")
        }
    }

    static func check(_ grant: Grant, listing: String) throws {
        guard !grant.id.isEmpty else { throw BatonError.internal("\(listing) returned a grant with an empty id") }
        guard grant.hasEntitlement, !grant.entitlement.id.isEmpty,
            !grant.entitlement.resource.id.resourceType.isEmpty, !grant.entitlement.resource.id.resource.isEmpty
        else {
            throw BatonError.internal("\(listing) returned grant \(grant.id) without an entitlement id and resource")
        }
        guard grant.hasPrincipal, !grant.principal.id.resourceType.isEmpty, !grant.principal.id.resource.isEmpty else {
            throw BatonError.internal("\(listing) returned grant \(grant.id) without a principal id")
        }
    }
}
