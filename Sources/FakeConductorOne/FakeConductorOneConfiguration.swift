import Foundation
import Logging

/// How a ``FakeConductorOne`` behaves; tests change a few fields of `.init()`.
package struct FakeConductorOneConfiguration: Sendable {
    /// The part of the client id before `@`.
    package var clientName: String
    /// The host in the client id, which is the JWT audience. It stays the tenant's name even
    /// though the connector actually dials `127.0.0.1:PORT` through `BATON_C1_API_HOST`.
    package var tokenHost: String
    /// The part of the client id after the first `/`.
    package var clientIdRest: String
    /// A `kid` to put in the secret's JWK (and then require in the JWS header).
    package var keyId: String?
    /// `expires_in` of issued tokens; the fake refuses a token once this has passed.
    package var tokenLifetimeSeconds: Int
    /// When true the token endpoint answers 401 to everything (changeable later with
    /// ``FakeConductorOne/setRefuseTokens(_:)``).
    package var refuseTokens: Bool
    /// `next_poll` in every GetTask answer.
    package var nextPoll: Duration
    /// `next_heartbeat` in GetTask and Heartbeat answers.
    package var nextHeartbeat: Duration
    /// How far a client assertion's `iat` may be from the fake's clock.
    package var issuedAtTolerance: Duration
    /// Where the fake logs refused token requests and RPCs (at notice) and connections it could
    /// not serve. Silent by default.
    package var logger: Logger

    package init(
        clientName: String = "test-client",
        tokenHost: String = "tenant.conductor.one",
        clientIdRest: String = "pcc",
        keyId: String? = nil,
        tokenLifetimeSeconds: Int = 3600,
        refuseTokens: Bool = false,
        nextPoll: Duration = .milliseconds(100),
        nextHeartbeat: Duration = .seconds(1),
        issuedAtTolerance: Duration = .seconds(60),
        logger: Logger = Logger(label: "fake-conductorone", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.clientName = clientName
        self.tokenHost = tokenHost
        self.clientIdRest = clientIdRest
        self.keyId = keyId
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
        self.refuseTokens = refuseTokens
        self.nextPoll = nextPoll
        self.nextHeartbeat = nextHeartbeat
        self.issuedAtTolerance = issuedAtTolerance
        self.logger = logger
    }
}
