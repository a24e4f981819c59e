import BatonKit
import BatonStore

/// How a change reads in words, in Segment's terms: which entitlement is membership, which is a
/// role, how an invitation is named. The entitlement ids are the connector's own (docs/data-model.md).
enum ChangeWording {
    /// Segment's role that owns the workspace; its changes are listed first.
    static let ownerRoleName = "Workspace Owner"

    static func isOwnerRole(_ grant: DiffGrant) -> Bool {
        grant.resourceType == "role" && grant.resourceName == ownerRoleName && grant.entitlementSlug == "member"
    }

    /// What the grant gives, as the object of "gained" / "lost".
    static func access(_ grant: DiffGrant) -> String {
        switch grant.resourceType {
        case "group" where grant.entitlementSlug == "member":
            return "membership of \(grant.resourceName)"
        case "workspace" where grant.entitlementSlug == "member":
            return "membership of the \(grant.resourceName) workspace"
        case "role":
            // `role:<id>:member` is workspace-wide; `role:<id>:member:labels:<k>=<v>,…` is label-scoped.
            let marker = ":member:labels:"
            if let range = grant.entitlementID.range(of: marker) {
                let labels = grant.entitlementID[range.upperBound...].split(separator: ",").joined(separator: ", ")
                return "\(grant.resourceName) on resources labelled \(labels)"
            }
            return grant.resourceName
        default:
            return grant.entitlementName  // "Source Admin on Web Site"
        }
    }

    /// Who holds it: a person or group by name, an invitation by its e-mail.
    static func holder(_ grant: DiffGrant) -> String {
        grant.principalType == "invite" ? "\(grant.principalID) (invited)" : grant.principalName
    }

    static func line(_ grant: DiffGrant, gained: Bool) -> String {
        var text = "\(holder(grant)) \(gained ? "gained" : "lost") \(access(grant))"
        if !grant.isDirect, !grant.inheritedThrough.isEmpty {
            text += " (through \(grant.inheritedThrough.map(\.resourceName).joined(separator: ", ")))"
        }
        return text
    }

    static func line(_ resource: DiffResource, added: Bool) -> String {
        switch resource.resourceType {
        case "invite": added ? "invitation sent to \(resource.resourceID)" : "invitation for \(resource.resourceID) withdrawn"
        case "user": added ? "\(resource.displayName) joined the workspace" : "\(resource.displayName) left the workspace"
        default: "\(resource.resourceType) \(added ? "added" : "removed"): \(resource.displayName)"
        }
    }
}
