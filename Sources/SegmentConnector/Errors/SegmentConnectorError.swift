import BatonKit

/// Mistakes in what the connector was asked to do; each prints as one line.
package enum SegmentConnectorError: Error, CustomStringConvertible, BatonStatusError {
    case badPageToken(String)
    case badCursor(String)
    case missingToken
    case unknownEntitlement(String)
    case invalidPrincipal(String)
    case notFound(String)
    case refused(String)

    package var description: String {
        switch self {
        case .badPageToken(let token): "malformed page token \(token.debugDescription)"
        case .badCursor(let cursor):
            "malformed event feed cursor \(String(cursor.prefix(100)).debugDescription): pass a cursor this connector returned"
        case .missingToken:
            "access token is missing: pass --token or set BATON_TOKEN (create one in Segment under Settings → Workspace settings → Access Management → Tokens; it needs the Workspace Owner role)"
        case .unknownEntitlement(let id): "unknown entitlement \(id)"
        case .invalidPrincipal(let message): message
        case .notFound(let message): message
        case .refused(let message): message
        }
    }

    package var batonStatusCode: BatonStatusCode {
        switch self {
        case .badPageToken, .badCursor, .missingToken, .unknownEntitlement, .invalidPrincipal: .invalidArgument
        case .notFound: .notFound
        case .refused: .failedPrecondition
        }
    }
}
