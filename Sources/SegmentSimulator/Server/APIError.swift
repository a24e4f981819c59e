/// An error answer in the API's envelope: `{"errors":[{"type","message","field"?,"status"}]}`.
struct APIError: Error, Sendable {
    let status: Int
    let type: String
    let message: String
    var field: String? = nil

    static func notFound(_ message: String) -> APIError {
        APIError(status: 404, type: "not-found", message: message)
    }

    static func validation(_ message: String, field: String? = nil) -> APIError {
        APIError(status: 422, type: "input-validation", message: message, field: field)
    }

    /// Plan gating on a whole endpoint (400); every plan message contains "plan does not include".
    static func notInPlan(_ feature: String) -> APIError {
        APIError(status: 400, type: "RequestError", message: "Your plan does not include \(feature)")
    }

    static let unauthorized = APIError(status: 401, type: "unauthorized", message: "Unauthorized: a valid Bearer token is required")

    var json: JSON {
        var error: [(String, JSON)] = [("type", .string(type)), ("message", .string(message))]
        if let field { error.append(("field", .string(field))) }
        error.append(("status", .int(status)))
        return .object([("errors", .array([.object(error)]))])
    }
}
