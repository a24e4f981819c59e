/// Segment's error body: `{"errors":[{"type","message","field","data","status"}]}`.
struct ErrorEnvelope: Decodable {
    struct Entry: Decodable {
        var type: String?
        var message: String?
        var field: String?
        var data: JSONValue?
        var status: Double?
    }

    var errors: [Entry]

    /// `errors[0].data.msBeforeNext` in seconds, when present.
    var secondsBeforeNext: Double? {
        guard case .object(let data)? = errors.first?.data, case .number(let ms)? = data["msBeforeNext"] else {
            return nil
        }
        return ms / 1000
    }
}
