import Foundation

/// A failed Segment call. Every case names the operation (Segment's operation id, lowerCamelCase);
/// `description` is one line and never contains the API token.
public enum SegmentAPIError: Error, CustomStringConvertible, Equatable, Sendable {
    /// 401: bad token, or a token whose role does not reach the resource.
    case unauthorized(operation: String, message: String)
    /// 403 that is not a plan gate.
    case forbidden(operation: String, message: String)
    /// 404: unknown id or route.
    case notFound(operation: String, message: String)
    /// A 400/403/422 saying the plan or feature does not include this endpoint.
    case featureNotInPlan(operation: String, status: Int, message: String)
    /// 400/409/413/422 (and other 4xx): the request was refused as invalid.
    case validation(operation: String, status: Int, message: String, field: String?)
    /// Still 429 after every retry.
    case rateLimited(operation: String, attempts: Int)
    /// Still 5xx after every retry (or a 5xx on a call that must not be repeated).
    case server(operation: String, status: Int, message: String)
    /// Timeout, reset or closed connection after every retry.
    case transport(operation: String, message: String)
    /// A 2xx whose body does not decode (malformed or truncated).
    case undecodable(operation: String, message: String)
    /// A list returned a cursor it had already returned; paging stopped instead of looping.
    case repeatedCursor(operation: String, cursor: String)
    /// A list (`listing` is its path) kept returning new cursors past `pages` pages, far more
    /// than its reported total implies, or past the client's fixed ceiling.
    case tooManyPages(operation: String, listing: String, pages: Int)
    /// Segment asked for a wait longer than this client will wait; `asked` says what it asked.
    case waitRefused(operation: String, asked: String)
    /// An id that would be read as a path step (`.`, `..`) or an empty segment; nothing was sent.
    case invalidIdentifier(operation: String, id: String)

    /// The operation that failed.
    public var operation: String {
        switch self {
        case .unauthorized(let op, _), .forbidden(let op, _), .notFound(let op, _),
            .featureNotInPlan(let op, _, _), .validation(let op, _, _, _), .rateLimited(let op, _),
            .server(let op, _, _), .transport(let op, _), .undecodable(let op, _), .repeatedCursor(let op, _),
            .tooManyPages(let op, _, _), .waitRefused(let op, _), .invalidIdentifier(let op, _):
            op
        }
    }

    /// The HTTP status behind the error, when there was one.
    public var status: Int? {
        switch self {
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .featureNotInPlan(_, let status, _), .validation(_, let status, _, _), .server(_, let status, _): status
        case .rateLimited: 429
        case .transport, .undecodable, .repeatedCursor, .tooManyPages, .waitRefused, .invalidIdentifier: nil
        }
    }

    /// True for answers that mean "this capability is not available to this token/plan" —
    /// what a connector probe treats as "skip this resource type".
    public var isCapabilityMissing: Bool {
        switch self {
        case .unauthorized, .forbidden, .notFound, .featureNotInPlan: true
        case .validation(_, let status, _, _): status == 422 || status == 400
        default: false
        }
    }

    /// One line naming the operation and what went wrong; Segment's message is folded onto one line and cut at 300 characters.
    public var description: String {
        switch self {
        case .unauthorized(let op, let message):
            "\(op): Segment answered 401 Unauthorized: \(Self.text(message))"
        case .forbidden(let op, let message):
            "\(op): Segment answered 403 Forbidden: \(Self.text(message))"
        case .notFound(let op, let message):
            "\(op): Segment answered 404 Not Found: \(Self.text(message))"
        case .featureNotInPlan(let op, let status, let message):
            "\(op): feature not in this workspace's plan (Segment answered \(status)): \(Self.text(message))"
        case .validation(let op, let status, let message, let field):
            "\(op): Segment rejected the request (\(status)): \(Self.text(message))"
                + (field.map { " (field \($0))" } ?? "")
        case .rateLimited(let op, let attempts):
            "\(op): Segment answered 429 Too Many Requests after \(attempts) attempts"
        case .server(let op, let status, let message):
            "\(op): Segment answered \(status) (server error): \(Self.text(message))"
        case .transport(let op, let message):
            "\(op): transport failure: \(Self.text(message))"
        case .undecodable(let op, let message):
            "\(op): undecodable response: \(Self.text(message))"
        case .repeatedCursor(let op, let cursor):
            "\(op): Segment returned cursor \"\(Self.text(cursor))\" twice; stopped paging to avoid a loop"
        case .tooManyPages(let op, let listing, let pages):
            "\(op): Segment kept returning new cursors for \(Self.text(listing)) after \(pages) pages, far more than the listing's size implies; stopped paging"
        case .waitRefused(let op, let asked):
            "\(op): \(Self.text(asked)); stopped instead of stalling the run"
        case .invalidIdentifier(let op, let id):
            "\(op): refused to send id \"\(Self.text(id))\": as a URL path segment it would name a different route"
        }
    }

    /// Folds a message onto one line and bounds its length.
    private static func text(_ message: String) -> String {
        let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        let trimmed = oneLine.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "(no message)" }
        return trimmed.count > 300 ? String(trimmed.prefix(300)) + "…" : trimmed
    }
}
