import Foundation
import SwiftProtobuf

extension ResourceType {
    /// A resource type; `traits` tell the engine which trait annotation each resource must carry.
    public static func make(
        id: String, displayName: String, traits: [Trait] = [],
        description: String = "", annotations: [Annotation] = []
    ) -> ResourceType {
        var type = ResourceType()
        type.id = id
        type.displayName = displayName
        type.traits = traits
        type.description_p = description
        type.annotations = annotations
        return type
    }
}

extension Resource {
    /// A resource. Set `parent` on children yourself: the engine does not fill it in.
    public static func make(
        id: ResourceId, displayName: String, parent: ResourceId? = nil,
        description: String = "", annotations: [Annotation] = []
    ) -> Resource {
        var resource = Resource()
        resource.id = id
        resource.displayName = displayName
        if let parent { resource.parentResourceID = parent }
        resource.description_p = description
        resource.annotations = annotations
        return resource
    }

    /// Child resource type ids named by this resource's `ChildResourceType` annotations.
    public var childResourceTypeIds: [String] {
        annotations.all(C1_Connector_V2_ChildResourceType.self).map(\.resourceTypeID)
    }
}

extension Annotation {
    /// `ChildResourceType{resource_type_id}`: list that type with this resource as parent.
    public static func childResourceType(_ resourceTypeId: String) -> Annotation {
        var child = C1_Connector_V2_ChildResourceType()
        child.resourceTypeID = resourceTypeId
        return Annotation(child)
    }
}

extension Entitlement {
    /// A membership-like entitlement (`PURPOSE_VALUE_ASSIGNMENT`), e.g. group `member`.
    public static func assignment(
        resource: Resource, slug: String, displayName: String? = nil,
        description: String = "", grantableTo: [ResourceType] = [],
        annotations: [Annotation] = []
    ) -> Entitlement {
        make(
            resource: resource, slug: slug, purpose: .assignment, displayName: displayName,
            description: description, grantableTo: grantableTo, annotations: annotations)
    }

    /// A capability on the resource (`PURPOSE_VALUE_PERMISSION`), e.g. `admin` on a source.
    public static func permission(
        resource: Resource, slug: String, displayName: String? = nil,
        description: String = "", grantableTo: [ResourceType] = [],
        annotations: [Annotation] = []
    ) -> Entitlement {
        make(
            resource: resource, slug: slug, purpose: .permission, displayName: displayName,
            description: description, grantableTo: grantableTo, annotations: annotations)
    }

    /// Any purpose; id `<rt>:<rid>:<slug>`, display name defaults to the slug (docs/baton-conventions.md, "Ids").
    public static func make(
        resource: Resource, slug: String, purpose: PurposeValue,
        displayName: String? = nil, description: String = "",
        grantableTo: [ResourceType] = [], annotations: [Annotation] = []
    ) -> Entitlement {
        var entitlement = Entitlement()
        entitlement.resource = resource
        entitlement.id = Entitlement.id(resource: resource.id, slug: slug)
        entitlement.slug = slug
        entitlement.displayName = displayName ?? slug
        entitlement.description_p = description
        entitlement.grantableTo = grantableTo
        entitlement.purpose = purpose
        entitlement.annotations = annotations
        return entitlement
    }
}

extension GrantExpandable {
    /// "Everyone holding one of `entitlementIds` also holds the grant's entitlement" (docs/baton-conventions.md, "Expansion").
    public static func make(entitlementIds: [String], shallow: Bool = false, resourceTypeIds: [String] = []) -> GrantExpandable {
        var expandable = GrantExpandable()
        expandable.entitlementIds = entitlementIds
        expandable.shallow = shallow
        expandable.resourceTypeIds = resourceTypeIds
        return expandable
    }
}

extension Grant {
    /// A grant of `entitlement` to `principal` (the whole resource). The grant carries only the
    /// entitlement's id and resource, as the SDK helper does.
    public static func make(
        entitlement: Entitlement, principal: Resource,
        expandable: GrantExpandable? = nil, annotations: [Annotation] = []
    ) -> Grant {
        var slim = Entitlement()
        slim.id = entitlement.id
        slim.resource = entitlement.resource
        var grant = Grant()
        grant.entitlement = slim
        grant.principal = principal
        grant.id = Grant.id(entitlementId: entitlement.id, principal: principal.id)
        grant.annotations = annotations
        if let expandable { grant.annotations.update(expandable) }
        return grant
    }

    /// A grant to a principal known only by id (the principal is `{id}` only).
    public static func make(
        entitlement: Entitlement, principal: ResourceId,
        expandable: GrantExpandable? = nil, annotations: [Annotation] = []
    ) -> Grant {
        var resource = Resource()
        resource.id = principal
        return make(entitlement: entitlement, principal: resource, expandable: expandable, annotations: annotations)
    }

    /// The grant's `GrantExpandable` annotation, if it names at least one non-blank entitlement id.
    public var expandable: GrantExpandable? {
        guard let expandable = annotations.first(GrantExpandable.self),
            expandable.entitlementIds.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        else { return nil }
        return expandable
    }
}
