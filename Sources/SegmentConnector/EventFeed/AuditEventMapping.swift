import BatonKit
import Foundation
import SegmentAPI
import SwiftProtobuf

/// How one Segment audit event becomes a Baton event (docs/data-model.md, "Event feed"):
/// a change to who holds what names the affected user, group or invite; a workspace member
/// joining or leaving names both sides; a member acting on a source, warehouse, function or
/// space is usage evidence; anything else is skipped.
enum AuditEventMapping {
    /// The feed's id in `ListEventFeeds`.
    static let feedId = "segment-audit-trail"

    enum Outcome: Equatable {
        case event(Event)
        /// Not an access change nor member activity on a resource we sync.
        case skipped
    }

    /// Event types after which a user holds the workspace `member` entitlement.
    static let membershipGranted: Set<String> = ["user added via sso", "user invite accepted"]
    /// Event types after which a user no longer does.
    static let membershipRevoked: Set<String> = ["user removed"]

    static func map(_ audit: AuditEvent, occurredAt: Date, workspaceId: String) -> Outcome {
        guard let resourceId = audit.resourceId, !resourceId.isEmpty else { return .skipped }
        let type = (audit.type ?? "").lowercased()
        let workspace = ResourceId(SegmentResourceTypes.workspace.id, workspaceId)
        var event = Event()
        event.id = audit.id
        event.occurredAt = Google_Protobuf_Timestamp(date: occurredAt)

        switch principalType(audit.resourceType, type: type) {
        case .user?:
            let user = ResourceId(SegmentResourceTypes.user.id, resourceId)
            if membershipGranted.contains(type) || membershipRevoked.contains(type) {
                let entitlement = EntitlementCatalog.workspaceMember(WorkspaceSyncer.stub(id: workspaceId))
                let principal = Resource.make(id: user, displayName: audit.resourceName ?? resourceId, parent: workspace)
                if membershipGranted.contains(type) {
                    var grant = C1_Connector_V2_CreateGrantEvent()
                    grant.entitlement = entitlement
                    grant.principal = principal
                    event.createGrantEvent = grant
                } else {
                    var revoke = C1_Connector_V2_CreateRevokeEvent()
                    revoke.entitlement = entitlement
                    revoke.principal = principal
                    event.createRevokeEvent = revoke
                }
                return .event(event)
            }
            event.resourceChangeEvent = change(user, parent: workspace)
            return .event(event)
        case .group?:
            event.resourceChangeEvent = change(ResourceId(SegmentResourceTypes.group.id, resourceId), parent: workspace)
            return .event(event)
        case .invite?:
            event.resourceChangeEvent = change(ResourceId(SegmentResourceTypes.invite.id, resourceId), parent: workspace)
            return .event(event)
        case nil:
            break
        }

        guard let kind = scopedKind(audit.resourceType, type: type), let actor = memberActor(audit) else { return .skipped }
        var usage = C1_Connector_V2_UsageEvent()
        usage.actorResource = Resource.make(
            id: ResourceId(SegmentResourceTypes.user.id, actor),
            displayName: audit.actorEmail ?? actor, parent: workspace)
        usage.targetResource = Resource.make(
            id: ResourceId(SegmentResourceTypes.type(of: kind).id, resourceId),
            displayName: audit.resourceName ?? resourceId, parent: workspace)
        event.usageEvent = usage
        return .event(event)
    }

    private enum Principal { case user, group, invite }

    /// Which principal an IAM event is about, from its resource type (the audit trail spells
    /// these inconsistently) or, when it has none, its event type.
    private static func principalType(_ resourceType: String?, type: String) -> Principal? {
        let normalized = (resourceType ?? "").lowercased().filter(\.isLetter)
        switch normalized {
        case "user", "users", "workspaceuser": return .user
        case "usergroup", "usergroups", "group", "groups": return .group
        case "invite", "invites", "userinvite": return .invite
        case "": break
        default: return nil
        }
        if type.contains("invite") { return .invite }
        if type.contains("group") { return .group }
        if type.hasPrefix("user ") || type.contains("policy") { return .user }
        return nil
    }

    /// The synced resource kind an event is about, from its resource type, else its event type.
    private static func scopedKind(_ resourceType: String?, type: String) -> ScopedResourceKind? {
        let normalized = (resourceType ?? "").lowercased().filter(\.isLetter)
        for kind in ScopedResourceKind.allCases where normalized == kind.rawValue || normalized == kind.rawValue + "s" {
            return kind
        }
        if normalized.hasSuffix("function") || type.contains("function") { return .function }
        for kind in ScopedResourceKind.allCases where type.hasPrefix(kind.rawValue) { return kind }
        return nil
    }

    /// The acting member's user id; a token (no e-mail) is not a member.
    private static func memberActor(_ audit: AuditEvent) -> String? {
        guard let actor = audit.actor, !actor.isEmpty, let email = audit.actorEmail, !email.isEmpty else { return nil }
        return actor
    }

    private static func change(_ id: ResourceId, parent: ResourceId) -> C1_Connector_V2_ResourceChangeEvent {
        var change = C1_Connector_V2_ResourceChangeEvent()
        change.resourceID = id
        change.parentResourceID = parent
        return change
    }
}
