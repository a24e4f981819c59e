import Foundation
import Testing

@testable import SegmentAPI

@Suite struct ErrorMappingTests {
    func map(_ status: Int, _ body: String) -> SegmentAPIError {
        ErrorMapping.error(
            operation: "listUsers", status: status, body: Data(body.utf8), attempts: 1,
            scrub: TokenScrubber(token: "tok-SECRET").callAsFunction)
    }

    func envelope(_ message: String, field: String? = nil) -> String {
        let fieldPart = field.map { #","field":"\#($0)""# } ?? ""
        return #"{"errors":[{"type":"x","message":"\#(message)"\#(fieldPart)}]}"#
    }

    @Test func statusesMapToTypedCases() {
        #expect(map(401, envelope("invalid token")) == .unauthorized(operation: "listUsers", message: "invalid token"))
        #expect(map(403, envelope("no")) == .forbidden(operation: "listUsers", message: "no"))
        #expect(map(404, envelope("gone")) == .notFound(operation: "listUsers", message: "gone"))
        #expect(
            map(422, envelope("bad role", field: "roleId"))
                == .validation(operation: "listUsers", status: 422, message: "bad role", field: "roleId"))
        #expect(map(409, envelope("dup")) == .validation(operation: "listUsers", status: 409, message: "dup", field: nil))
        #expect(map(413, "") == .validation(operation: "listUsers", status: 413, message: "Payload Too Large", field: nil))
        #expect(map(503, "<html>busy</html>") == .server(operation: "listUsers", status: 503, message: "Service Unavailable"))
        #expect(map(429, "{}") == .rateLimited(operation: "listUsers", attempts: 1))
    }

    @Test(arguments: [400, 403, 422])
    func planGatesBecomeFeatureNotInPlan(_ status: Int) {
        for message in ["Your plan does not include user groups", "Spaces feature is not enabled", "Feature unavailable"] {
            #expect(map(status, envelope(message)) == .featureNotInPlan(operation: "listUsers", status: status, message: message))
        }
    }

    @Test func descriptionsAreOneLineNameTheOperationAndNeverTheToken() {
        let error = map(401, envelope("invalid token tok-SECRET\\nsecond line"))
        #expect(error.description == "listUsers: Segment answered 401 Unauthorized: invalid token [redacted] second line")
        let all: [SegmentAPIError] = [
            map(401, "tok-SECRET"), map(403, envelope("tok-SECRET")), map(404, envelope("x")), map(400, envelope("plan does not include")),
            map(422, envelope("y", field: "tok-SECRET")), map(429, "{}"), map(500, "tok-SECRET"),
            .transport(operation: "getUser", message: "timed out"), .undecodable(operation: "getUser", message: "bad"),
            .repeatedCursor(operation: "listRoles", cursor: "MA=="),
        ]
        for error in all {
            #expect(!error.description.contains("\n"))
            #expect(!error.description.contains("tok-SECRET"))
            #expect(error.description.hasPrefix(error.operation + ": "))
        }
    }

    @Test func messageFallsBackToErrorTypeThenReason() {
        #expect(map(404, #"{"errors":[{"type":"not-found"}]}"#) == .notFound(operation: "listUsers", message: "not-found"))
        #expect(map(404, "") == .notFound(operation: "listUsers", message: "Not Found"))
    }
}
