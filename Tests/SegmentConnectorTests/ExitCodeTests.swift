import BatonKit
import SegmentAPI
import SegmentConnector
import Testing

@Suite struct ExitCodeTests {
    @Test func segmentFailuresExitWithTheirGRPCCode() {
        #expect(BatonStatusCode.of(SegmentAPIError.unauthorized(operation: "getWorkspace", message: "bad token")) == .unauthenticated)
        #expect(
            BatonStatusCode.of(
                SegmentAPIError.validation(operation: "addPermissionsToUser", status: 422, message: "unknown role", field: nil))
                == .invalidArgument)
        #expect(BatonStatusCode.of(SegmentAPIError.server(operation: "listUsers", status: 503, message: "down")) == .unavailable)
        #expect(BatonStatusCode.of(SegmentAPIError.undecodable(operation: "listUsers", message: "truncated")) == .internal)
        #expect(BatonStatusCode.of(SegmentConnectorError.missingToken) == .invalidArgument)
    }
}
