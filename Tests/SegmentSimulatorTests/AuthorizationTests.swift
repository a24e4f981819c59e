import Testing

@testable import SegmentSimulator

@Suite struct AuthorizationTests {
    @Test func bearerSchemeIsCaseInsensitiveTokenIsExact() {
        #expect(SimulatorResponder.isAuthorized("Bearer sim-token", token: "sim-token"))
        #expect(SimulatorResponder.isAuthorized("bearer sim-token", token: "sim-token"))
        #expect(!SimulatorResponder.isAuthorized("Bearer SIM-TOKEN", token: "sim-token"))
        #expect(!SimulatorResponder.isAuthorized("Basic sim-token", token: "sim-token"))
        #expect(!SimulatorResponder.isAuthorized("Bearer ", token: "sim-token"))
        #expect(!SimulatorResponder.isAuthorized(nil, token: "sim-token"))
    }

    @Test func queryKeysNormaliseAndPlusDecodesToSpace() {
        let q = QueryParameters(raw: "pagination%5Bcount%5D=5&emails[1]=b%40x.io&emails.0=a%2Bz%40x.io&userIds=raw&x=a+b")
        #expect(q["pagination.count"] == "5")
        #expect(q.indexedArray("emails") == ["a+z@x.io", "b@x.io"])
        #expect(q.indexedArray("userIds") == nil, "bare keys are not the indexed form")
        #expect(q["x"] == "a b")
    }

    @Test func utcFormattingMatchesRFC5322AndISO() {
        #expect(UTCTime.rfc5322(1_704_067_260) == "Mon, 01 Jan 2024 00:01:00 GMT")
        #expect(UTCTime.iso8601(1_714_521_600) == "2024-05-01T00:00:00.000Z")
        #expect(UTCTime.parseISO8601("2024-05-01T00:00:00Z") == 1_714_521_600)
        #expect(UTCTime.parseISO8601("yesterday") == nil)
    }
}
