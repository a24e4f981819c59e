import Foundation

/// Request bodies, decoded leniently (everything optional) so a missing field becomes a 422
/// with a field name rather than an opaque decode failure.
struct LabelInput: Decodable { var key: String?; var value: String?; var description: String? }
struct ResourceInput: Decodable { var id: String?; var type: String?; var labels: [LabelInput]? }
struct PermissionInput: Decodable { var roleId: String?; var resources: [ResourceInput]?; var labels: [LabelInput]? }
struct PermissionsBody: Decodable { var permissions: [PermissionInput]? }
struct EmailsBody: Decodable { var emails: [String]? }
struct NameBody: Decodable { var name: String? }
struct InviteInput: Decodable { var email: String?; var permissions: [PermissionInput]? }
struct InvitesBody: Decodable { var invites: [InviteInput]? }

enum RequestBody {
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(APIError) -> T {
        guard !bytes.isEmpty else { throw .validation("A JSON request body is required") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw .validation("The request body is not valid JSON for this operation")
        }
    }
}
