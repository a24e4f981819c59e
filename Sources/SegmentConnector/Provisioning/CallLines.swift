import Foundation
import SegmentAPI

/// How a planned call names its principal and body in a dry-run line.
extension ProvisioningPrincipal {
    /// `/users/{id}` or `/groups/{id}`: where the principal's permissions are read and written.
    var apiPath: String {
        if case .group(let id) = self { return "/groups/\(id)" }
        return "/users/\(id)"
    }

    /// The Segment operation that reads the principal.
    var readOperation: String { isGroup ? "getUserGroup" : "getUser" }
    var addPermissionsOperation: String { isGroup ? "addPermissionsToUserGroup" : "addPermissionsToUser" }
    var replacePermissionsOperation: String { isGroup ? "replacePermissionsForUserGroup" : "replacePermissionsForUser" }

    private var isGroup: Bool {
        if case .group = self { return true }
        return false
    }

    /// The e-mail as a dry run can know it: an invite's own, else a placeholder for the user's.
    var emailForLines: String {
        if case .invite(let email) = self { return email }
        return "<e-mail of \(self)>"
    }
}

/// Request bodies as a dry-run line shows them: sorted keys, slashes unescaped.
enum CallLines {
    static func json<T: Encodable>(_ body: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)).flatMap { String(data: $0, encoding: .utf8) } ?? "{…}"
    }

    struct Emails: Encodable { var emails: [String] }
    struct Permissions: Encodable { var permissions: [PermissionInput] }
    struct Invites: Encodable { var invites: [InviteInput] }
    struct GroupName: Encodable { var name: String }
}

extension RoleReference {
    /// What `GET /roles` is read for.
    var check: String {
        switch self {
        case .id(let id): "check role \(id) exists"
        case .slug(let slug): "resolve the role with slug \(slug)"
        }
    }
}
