import Hummingbird

/// Building Hummingbird responses from JSON and rate-limit decisions.
enum HTTPAnswer {
    static func json(_ status: Int, _ bytes: [UInt8], headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/json"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ status: Int, _ value: JSON, headers: HTTPFields = [:]) -> Response {
        json(status, value.bytes, headers: headers)
    }

    static func error(_ error: APIError, headers: HTTPFields = [:]) -> Response {
        json(error.status, error.json, headers: headers)
    }

    private static let consumed = HTTPFields.Element.Name("X-RateLimit-Consumed")!
    private static let remaining = HTTPFields.Element.Name("X-RateLimit-Remaining")!
    private static let reset = HTTPFields.Element.Name("X-RateLimit-Reset")!

    /// `X-RateLimit-Consumed`, `-Remaining`, and `-Reset` as an RFC 5322 date.
    static func rateHeaders(_ d: RateLimiter.Decision) -> HTTPFields {
        var fields = HTTPFields()
        fields[consumed] = String(d.consumed)
        fields[remaining] = String(d.remaining)
        fields[reset] = UTCTime.rfc5322(Int(d.resetAt.rounded(.up)))
        return fields
    }

    /// 429 exactly like the real API's limiter answer.
    static func throttled(_ d: RateLimiter.Decision) -> Response {
        let body = JSON.object([
            (
                "errors",
                .array([
                    .object([
                        ("type", .string("RequestError")),
                        ("message", .string("Too many requests")),
                        (
                            "data",
                            .object([
                                ("remainingPoints", .int(0)), ("msBeforeNext", .int(d.msBeforeNext)), ("consumedPoints", .int(d.consumed)),
                            ])
                        ),
                    ])
                ])
            )
        ])
        return json(429, body, headers: rateHeaders(d))
    }

    static func serverFault(_ status: Int) -> Response {
        let message = status == 503 ? "Service temporarily unavailable (simulated)" : "Internal server error (simulated)"
        return error(APIError(status: status, type: "server", message: message))
    }

    /// A 200 whose body is cut off mid-JSON.
    static func malformed(headers: HTTPFields) -> Response {
        json(200, Array("{\"data\":{\"users\":[{\"id\":\"".utf8), headers: headers)
    }
}
