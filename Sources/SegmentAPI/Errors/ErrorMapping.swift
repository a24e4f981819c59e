import Foundation
import Redaction

/// Turns a non-2xx answer into a `SegmentAPIError` (after retries are exhausted or not allowed).
enum ErrorMapping {
    /// Maps a final status and body; `scrub` removes the token from anything echoed.
    static func error(
        operation: String, status: Int, body: Data, attempts: Int,
        scrub: (String) -> String
    ) -> SegmentAPIError {
        let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: body)
        let first = envelope?.errors.first
        let message = scrub(first?.message ?? first?.type ?? fallbackMessage(status: status, body: body))
        let field = first?.field.map(scrub)
        switch status {
        case 401:
            return .unauthorized(operation: operation, message: message)
        case 403:
            return isPlanGate(message)
                ? .featureNotInPlan(operation: operation, status: status, message: message)
                : .forbidden(operation: operation, message: message)
        case 404:
            return isPlanGate(message)
                ? .featureNotInPlan(operation: operation, status: status, message: message)
                : .notFound(operation: operation, message: message)
        case 429:
            return .rateLimited(operation: operation, attempts: attempts)
        case 400, 422:
            return isPlanGate(message)
                ? .featureNotInPlan(operation: operation, status: status, message: message)
                : .validation(operation: operation, status: status, message: message, field: field)
        case 500...599:
            return .server(operation: operation, status: status, message: message)
        default:
            return .validation(operation: operation, status: status, message: message, field: field)
        }
    }

    /// Segment's plan/feature gate wording ("plan does not include", "not enabled", "feature").
    static func isPlanGate(_ message: String) -> Bool {
        let lower = message.lowercased()
        return lower.contains("plan does not include") || lower.contains("not enabled") || lower.contains("feature")
    }

    private static func fallbackMessage(status: Int, body: Data) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty, !trimmed.hasPrefix("<") { return trimmed }
        return HTTPStatusText.reason(status)
    }
}

/// Reason phrases for the statuses this client reports.
enum HTTPStatusText {
    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 413: "Payload Too Large"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "HTTP \(status)"
        }
    }
}

/// Removes the API token from text that could echo it (error messages, URLs, transport errors),
/// in every spelling a layer may have given it: raw, escaped or percent-encoded.
struct TokenScrubber: Sendable {
    private let forms: [String]

    init(token: String) {
        forms = SecretForms.of(token)
    }

    func callAsFunction(_ text: String) -> String {
        SecretForms.redact(text, forms: forms, replacement: "[redacted]")
    }
}
