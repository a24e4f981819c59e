import Foundation

/// What one grant's `GrantExpandable` says, kept compactly (ids only) until expansion runs.
struct ExpansionDeclaration: Sendable, Hashable {
    let grantId: String
    /// D: the grant's entitlement (id and resource), which holders of the sources also get.
    let destination: Entitlement
    /// P: the grant's principal; every source entitlement must be on this resource.
    let principal: ResourceId
    /// S...: trimmed, non-blank, unique, in declaration order.
    let sources: [String]
    let shallow: Bool
    let resourceTypeIds: [String]

    init?(grant: Grant) {
        guard let expandable = grant.expandable else { return nil }
        var unique: [String] = []
        for id in expandable.entitlementIds.map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty && !unique.contains(id) {
            unique.append(id)
        }
        var destination = Entitlement()
        destination.id = grant.entitlement.id
        destination.resource = grant.entitlement.resource
        self.grantId = grant.id
        self.destination = destination
        self.principal = grant.principal.id
        self.sources = unique
        self.shallow = expandable.shallow
        self.resourceTypeIds = expandable.resourceTypeIds
    }
}
