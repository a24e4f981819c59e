import BatonProto

/// Column values derived from each object kind, with the checks that keep the file readable by
/// the `baton` CLI, which dereferences these ids without guards (docs/baton-conventions.md,
/// "What the `baton` CLI needs").
enum C1ZRows {
    static func resourceExternalID(_ id: C1_Connector_V2_ResourceId) -> String {
        "\(id.resourceType):\(id.resource)"
    }

    static func checkResourceType(_ type: C1_Connector_V2_ResourceType) throws {
        if type.id.isEmpty { throw C1ZError.invalidRecord(detail: "resource type without id") }
    }

    static func checkResource(_ resource: C1_Connector_V2_Resource) throws {
        guard resource.hasID, !resource.id.resourceType.isEmpty, !resource.id.resource.isEmpty else {
            throw C1ZError.invalidRecord(detail: "resource without id (display name \"\(resource.displayName)\")")
        }
    }

    static func checkEntitlement(_ entitlement: C1_Connector_V2_Entitlement) throws {
        guard !entitlement.id.isEmpty else { throw C1ZError.invalidRecord(detail: "entitlement without id") }
        guard entitlement.hasResource, entitlement.resource.hasID else {
            throw C1ZError.invalidRecord(detail: "entitlement \(entitlement.id) has no resource id")
        }
    }

    static func checkGrant(_ grant: C1_Connector_V2_Grant) throws {
        guard !grant.id.isEmpty else { throw C1ZError.invalidRecord(detail: "grant without id") }
        guard grant.hasEntitlement, !grant.entitlement.id.isEmpty, grant.entitlement.hasResource,
            grant.entitlement.resource.hasID
        else { throw C1ZError.invalidRecord(detail: "grant \(grant.id) lacks entitlement id or entitlement resource id") }
        guard grant.hasPrincipal, grant.principal.hasID else {
            throw C1ZError.invalidRecord(detail: "grant \(grant.id) has no principal id")
        }
    }
}
