import BatonKit

/// Who a grant is for, the way Segment addresses them.
enum ProvisioningPrincipal: Equatable, Sendable, CustomStringConvertible {
    case user(id: String)
    case group(id: String)
    /// A pending invitation, known only by e-mail.
    case invite(email: String)

    /// The principal a Baton resource id names; other types hold no Segment grants.
    init(_ id: ResourceId) throws {
        guard !id.resource.isEmpty else {
            throw SegmentConnectorError.invalidPrincipal("the principal has no id (type \"\(id.resourceType)\")")
        }
        switch id.resourceType {
        case SegmentResourceTypes.user.id: self = .user(id: id.resource)
        case SegmentResourceTypes.group.id: self = .group(id: id.resource)
        case SegmentResourceTypes.invite.id: self = .invite(email: id.resource)
        default:
            throw SegmentConnectorError.invalidPrincipal(
                "a \(id.resourceType.isEmpty ? "principal without a type" : id.resourceType) cannot hold Segment grants (principal \(id.key))"
            )
        }
    }

    var typeId: String {
        switch self {
        case .user: SegmentResourceTypes.user.id
        case .group: SegmentResourceTypes.group.id
        case .invite: SegmentResourceTypes.invite.id
        }
    }

    var id: String {
        switch self {
        case .user(let id), .group(let id): id
        case .invite(let email): email
        }
    }

    var resourceId: ResourceId { ResourceId(typeId, id) }

    /// The key operations on this principal are serialised by (e-mails compared case-insensitively).
    var lockKey: String {
        switch self {
        case .invite(let email): "invite:\(email.lowercased())"
        default: "\(typeId):\(id)"
        }
    }

    var description: String { resourceId.key }
}
