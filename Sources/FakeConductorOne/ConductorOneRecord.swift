import BatonServiceProto
import Foundation

/// Everything the fake knows: its switches, the script of tasks still to hand out, and what the
/// connector has done so far. Plain data; ``SharedRecord`` guards it.
struct ConductorOneRecord: Sendable {
    // Switches the test flips.
    var refuseTokens: Bool
    var unavailable = false
    var nextPoll: Duration
    var nextHeartbeat: Duration
    let tokenLifetimeSeconds: Int

    // Tokens.
    var issuedTokens: [String: Date] = [:]
    var tokenRequests: [TokenRequestRecord] = []

    // Tasks.
    var pendingTasks: [C1_Connectorapi_Baton_V1_Task] = []
    /// Ids handed out by GetTask or GetTasks: the only ones a connector can heartbeat, upload
    /// for or finish.
    var knownTaskIds: Set<String> = []
    var handedOutTaskIds: [String] = []
    var cancelledTaskIds: Set<String> = []

    // What the connector did.
    var calls: [RecordedCall] = []
    var hellos: [C1_Connectorapi_Baton_V1_BatonServiceHelloRequest] = []
    var answeredGetTaskCount = 0
    var heartbeatCounts: [String: Int] = [:]
    var uploads: [String: Upload] = [:]
    var uploadAttempts: [String: Int] = [:]
    var finishes: [String: C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest] = [:]

    var isShutDown = false

    init(configuration: FakeConductorOneConfiguration) {
        refuseTokens = configuration.refuseTokens
        nextPoll = configuration.nextPoll
        nextHeartbeat = configuration.nextHeartbeat
        tokenLifetimeSeconds = configuration.tokenLifetimeSeconds
    }

    /// Whether `token` was issued here and has not expired.
    func isValid(token: String, now: Date) -> Bool {
        guard let expiry = issuedTokens[token] else { return false }
        return expiry > now
    }

    /// Takes the next scripted task, remembering that it went out.
    mutating func popTask() -> C1_Connectorapi_Baton_V1_Task? {
        guard !pendingTasks.isEmpty else { return nil }
        let task = pendingTasks.removeFirst()
        handedOutTaskIds.append(task.id)
        knownTaskIds.insert(task.id)
        return task
    }
}
