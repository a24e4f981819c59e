import BatonProto
import BatonServiceProto
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import NIOCore
import Synchronization

/// A stand-in for ConductorOne for tests and demos: the token endpoint and `BatonService` on one
/// TLS loopback port, a scripted queue of tasks, and a record of everything the connector did.
///
/// ```swift
/// let fake = try await FakeConductorOne.start()
/// let taskId = fake.enqueueSyncFull()
/// // run the connector with BATON_C1_API_HOST=fake.apiHost, fake.clientId, fake.clientSecret,
/// // SSL_CERT_FILE pointing at fake.certificateAuthority.writeCACertificate(to:)
/// let finish = try await fake.waitForFinish(taskId: taskId)
/// try await fake.shutdown()
/// ```
///
/// Waits resume when the awaited event is recorded; their `timeout` is only a safety net that
/// fails the test instead of hanging it, and shutting the fake down fails them too.
package final class FakeConductorOne: Sendable {
    /// The CA that signed the fake's server certificate; the connector must trust it.
    package let certificateAuthority: TestCertificateAuthority
    /// The client credentials the fake accepts.
    package let credentials: ConductorOneCredentials
    /// The loopback port serving both the token endpoint and gRPC.
    package let port: Int

    /// `127.0.0.1:PORT`, what the connector gets in `BATON_C1_API_HOST`.
    package var apiHost: String { "127.0.0.1:\(port)" }
    /// `<client name>@<token host>/<rest>`.
    package var clientId: String { credentials.clientId }
    /// `secret-token:conductorone.com:v1:<private JWK>`.
    package var clientSecret: String { credentials.clientSecret }

    /// The default safety-net timeout of the waits.
    package static let defaultWaitTimeout: Duration = .seconds(30)

    private let record: SharedRecord
    private let front: TLSFront
    private let grpcServer: GRPCServer<HTTP2ServerTransport.Posix>
    private let grpcServing: Task<Void, any Error>
    private let isShutDown = Mutex(false)

    private init(
        certificateAuthority: TestCertificateAuthority,
        credentials: ConductorOneCredentials,
        record: SharedRecord,
        front: TLSFront,
        grpcServer: GRPCServer<HTTP2ServerTransport.Posix>,
        grpcServing: Task<Void, any Error>
    ) {
        self.certificateAuthority = certificateAuthority
        self.credentials = credentials
        self.port = front.port
        self.record = record
        self.front = front
        self.grpcServer = grpcServer
        self.grpcServing = grpcServing
    }

    // MARK: - Lifecycle

    /// Makes a CA and credentials, starts the internal gRPC server and the TLS front, and
    /// returns once both listen.
    package static func start(_ configuration: FakeConductorOneConfiguration = .init()) async throws -> FakeConductorOne {
        let authority = try TestCertificateAuthority()
        let credentials = ConductorOneCredentials(
            clientName: configuration.clientName,
            tokenHost: configuration.tokenHost,
            rest: configuration.clientIdRest,
            keyId: configuration.keyId
        )
        let record = SharedRecord(ConductorOneRecord(configuration: configuration))

        // Plaintext HTTP/2 on its own loopback port: only the TLS front connects to it.
        let transport = HTTP2ServerTransport.Posix(
            address: .ipv4(host: "127.0.0.1", port: 0),
            transportSecurity: .plaintext
        )
        let grpcServer = GRPCServer(transport: transport, services: [FakeBatonService(record: record, logger: configuration.logger)])
        let grpcServing = Task { try await grpcServer.serve() }

        do {
            guard let grpcAddress = try await transport.listeningAddress.ipv4 else {
                throw FakeConductorOneError.couldNotBind
            }
            let tokenEndpoint = TokenEndpoint(
                verifier: ClientAssertionVerifier(
                    credentials: credentials,
                    issuedAtTolerance: configuration.issuedAtTolerance.timeInterval
                ),
                settle: { [logger = configuration.logger] verdict, now in
                    let result = record.update { $0.settleTokenRequest(verdict, now: now) }
                    if case .failure(let rejection) = result {
                        logger.notice("refused a token request", metadata: ["error": "\(rejection)"])
                    }
                    return result
                }
            )
            let front = try await TLSFront.start(
                authority: authority,
                grpcBackend: try SocketAddress(ipAddress: grpcAddress.host, port: grpcAddress.port),
                tokenEndpoint: tokenEndpoint,
                logger: configuration.logger
            )
            return FakeConductorOne(
                certificateAuthority: authority,
                credentials: credentials,
                record: record,
                front: front,
                grpcServer: grpcServer,
                grpcServing: grpcServing
            )
        } catch {
            grpcServer.beginGracefulShutdown()
            grpcServing.cancel()
            _ = await grpcServing.result
            throw error
        }
    }

    /// Stops serving, closes every connection, and fails whatever still waits. Calling it again
    /// does nothing.
    package func shutdown() async throws {
        let alreadyShutDown = isShutDown.withLock { wasShutDown in
            defer { wasShutDown = true }
            return wasShutDown
        }
        guard !alreadyShutDown else { return }
        record.shutDown()
        // Closing the front also closes the piped connections to the gRPC server, which lets
        // its graceful shutdown finish instead of waiting for clients to hang up.
        await front.shutdown()
        grpcServer.beginGracefulShutdown()
        try await grpcServing.value
    }

    // MARK: - Switches

    /// While true every RPC answers UNAVAILABLE (recorded as a refused call).
    package func setUnavailable(_ unavailable: Bool) {
        record.update { $0.unavailable = unavailable }
    }

    /// While true the token endpoint answers 401 to every request.
    package func setRefuseTokens(_ refuse: Bool) {
        record.update { $0.refuseTokens = refuse }
    }

    /// Forgets every issued token, so the connector's next RPC is UNAUTHENTICATED until it
    /// fetches a new one.
    package func revokeIssuedTokens() {
        record.update { $0.issuedTokens = [:] }
    }

    /// `next_poll` for later GetTask answers.
    package func setNextPoll(_ nextPoll: Duration) {
        record.update { $0.nextPoll = nextPoll }
    }

    /// `next_heartbeat` for later GetTask and Heartbeat answers.
    package func setNextHeartbeat(_ nextHeartbeat: Duration) {
        record.update { $0.nextHeartbeat = nextHeartbeat }
    }

    /// Makes later heartbeats for `taskId` answer `cancelled = true`.
    package func cancel(taskId: String) {
        record.update { $0.cancelledTaskIds.insert(taskId) }
    }

    // MARK: - Script

    /// Adds `task` to the end of the queue GetTask pops from; returns its id.
    @discardableResult
    package func enqueue(_ task: C1_Connectorapi_Baton_V1_Task) -> String {
        record.update { $0.pendingTasks.append(task) }
        return task.id
    }

    /// Enqueues a `hello` task; returns its id.
    @discardableResult
    package func enqueueHello() -> String {
        enqueue(TaskScript.task(.hello(.init())))
    }

    /// Enqueues a `none` task; returns its id.
    @discardableResult
    package func enqueueNone() -> String {
        enqueue(TaskScript.task(.none(.init())))
    }

    /// Enqueues a `sync_full` task, its flags set by `configure`; returns its id.
    @discardableResult
    package func enqueueSyncFull(
        configure: (inout C1_Connectorapi_Baton_V1_Task.SyncFullTask) -> Void = { _ in }
    ) -> String {
        enqueue(TaskScript.syncFull(configure: configure))
    }

    /// Enqueues a `grant` task; returns its id.
    @discardableResult
    package func enqueueGrant(entitlement: C1_Connector_V2_Entitlement, principal: C1_Connector_V2_Resource) -> String {
        enqueue(TaskScript.grant(entitlement: entitlement, principal: principal))
    }

    /// Enqueues a `revoke` task; returns its id.
    @discardableResult
    package func enqueueRevoke(grant: C1_Connector_V2_Grant) -> String {
        enqueue(TaskScript.revoke(grant: grant))
    }

    /// Enqueues a `create_account` task; returns its id.
    @discardableResult
    package func enqueueCreateAccount(
        accountInfo: C1_Connector_V2_AccountInfo,
        credentialOptions: C1_Connector_V2_CredentialOptions? = nil,
        encryptionConfigs: [C1_Connector_V2_EncryptionConfig] = [],
        resourceTypeId: String = ""
    ) -> String {
        enqueue(
            TaskScript.createAccount(
                accountInfo: accountInfo,
                credentialOptions: credentialOptions,
                encryptionConfigs: encryptionConfigs,
                resourceTypeId: resourceTypeId
            ))
    }

    /// Enqueues a `create_resource` task; returns its id.
    @discardableResult
    package func enqueueCreateResource(_ resource: C1_Connector_V2_Resource) -> String {
        enqueue(TaskScript.createResource(resource))
    }

    /// Enqueues a `delete_resource` task; returns its id.
    @discardableResult
    package func enqueueDeleteResource(
        resourceId: C1_Connector_V2_ResourceId,
        parentResourceId: C1_Connector_V2_ResourceId? = nil
    ) -> String {
        enqueue(TaskScript.deleteResource(resourceId: resourceId, parentResourceId: parentResourceId))
    }

    /// Enqueues a task whose type is a field number our protos do not declare
    /// (``TaskScript/unknownTaskTypeFieldNumber``); returns its id.
    @discardableResult
    package func enqueueUnknownTaskType() -> String {
        enqueue(TaskScript.unknownKind())
    }

    // MARK: - Snapshots

    /// Every BatonService call so far, in arrival order, refused ones included.
    package func calls() -> [RecordedCall] {
        record.read { $0.calls }
    }

    /// Every token request so far, in arrival order.
    package var tokenRequests: [TokenRequestRecord] {
        record.read { $0.tokenRequests }
    }

    /// Every accepted Hello so far, in arrival order.
    package var hellos: [C1_Connectorapi_Baton_V1_BatonServiceHelloRequest] {
        record.read { $0.hellos }
    }

    /// How many Hellos were accepted.
    package var helloCount: Int {
        record.read { $0.hellos.count }
    }

    /// How many GetTask calls were answered.
    package var getTaskCount: Int {
        record.read { $0.answeredGetTaskCount }
    }

    /// Tasks enqueued and not yet handed out.
    package var pendingTaskCount: Int {
        record.read { $0.pendingTasks.count }
    }

    /// Ids of the tasks handed out by GetTask (or GetTasks), in order.
    package var handedOutTaskIds: [String] {
        record.read { $0.handedOutTaskIds }
    }

    /// The last accepted FinishTask for `taskId`, if any.
    package func finished(taskId: String) -> C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest? {
        record.read { $0.finishes[taskId] }
    }

    /// The last good upload for `taskId`, if any.
    package func upload(taskId: String) -> Upload? {
        record.read { $0.uploads[taskId] }
    }

    /// How many `UploadAsset` calls named `taskId`, good or not.
    package func uploadAttempts(taskId: String) -> Int {
        record.read { $0.uploadAttempts[taskId, default: 0] }
    }

    /// How many accepted heartbeats named `taskId`.
    package func heartbeatCount(taskId: String) -> Int {
        record.read { $0.heartbeatCounts[taskId, default: 0] }
    }

    // MARK: - Waiting

    /// Waits for an accepted FinishTask for `taskId` and returns it.
    @discardableResult
    package func waitForFinish(
        taskId: String,
        timeout: Duration? = defaultWaitTimeout
    ) async throws -> C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest {
        try await record.wait(for: "FinishTask of \(taskId)", timeout: timeout) { $0.finishes[taskId] }
    }

    /// Waits until `count` heartbeats for `taskId` were accepted.
    package func waitForHeartbeats(
        taskId: String,
        count: Int,
        timeout: Duration? = defaultWaitTimeout
    ) async throws {
        try await record.wait(for: "\(count) heartbeats of \(taskId)", timeout: timeout) {
            $0.heartbeatCounts[taskId, default: 0] >= count ? () : nil
        }
    }

    /// Waits until `count` Hellos were accepted and returns them all.
    @discardableResult
    package func waitForHello(
        count: Int = 1,
        timeout: Duration? = defaultWaitTimeout
    ) async throws -> [C1_Connectorapi_Baton_V1_BatonServiceHelloRequest] {
        try await record.wait(for: "\(count) Hellos", timeout: timeout) {
            $0.hellos.count >= count ? $0.hellos : nil
        }
    }

    /// Waits until `count` GetTask calls were answered.
    package func waitForGetTask(
        count: Int = 1,
        timeout: Duration? = defaultWaitTimeout
    ) async throws {
        try await record.wait(for: "\(count) GetTask answers", timeout: timeout) {
            $0.answeredGetTaskCount >= count ? () : nil
        }
    }

    /// Waits for a good upload for `taskId` and returns its bytes.
    @discardableResult
    package func waitForUpload(
        taskId: String,
        timeout: Duration? = defaultWaitTimeout
    ) async throws -> Data {
        try await record.wait(for: "an upload for \(taskId)", timeout: timeout) { $0.uploads[taskId]?.bytes }
    }

    /// Waits until `count` token requests arrived (accepted or not) and returns them all.
    @discardableResult
    package func waitForTokenRequests(
        count: Int,
        timeout: Duration? = defaultWaitTimeout
    ) async throws -> [TokenRequestRecord] {
        try await record.wait(for: "\(count) token requests", timeout: timeout) {
            $0.tokenRequests.count >= count ? $0.tokenRequests : nil
        }
    }

    /// Waits until `count` recorded calls satisfy `predicate` and returns those calls.
    @discardableResult
    package func waitForCalls(
        count: Int,
        timeout: Duration? = defaultWaitTimeout,
        where predicate: @escaping @Sendable (RecordedCall) -> Bool
    ) async throws -> [RecordedCall] {
        try await record.wait(for: "\(count) matching calls", timeout: timeout) {
            let matching = $0.calls.filter(predicate)
            return matching.count >= count ? matching : nil
        }
    }
}

extension ConductorOneRecord {
    /// Records a token request's verdict and, for a good one the fake is not refusing, issues
    /// a fresh token.
    mutating func settleTokenRequest(
        _ verdict: Result<Void, TokenRequestRejection>,
        now: Date
    ) -> Result<IssuedAccessToken, TokenRequestRejection> {
        let result: Result<IssuedAccessToken, TokenRequestRejection>
        switch verdict {
        case .failure(let rejection):
            result = .failure(rejection)
        case .success where refuseTokens:
            result = .failure(TokenRequestRejection("invalid_client", "the fake ConductorOne is set to refuse tokens"))
        case .success:
            var generator = SystemRandomNumberGenerator()
            let value = Base64URL.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
            let token = IssuedAccessToken(
                value: value,
                expiresAt: now.addingTimeInterval(TimeInterval(tokenLifetimeSeconds)),
                lifetimeSeconds: tokenLifetimeSeconds
            )
            issuedTokens[value] = token.expiresAt
            result = .success(token)
        }
        let rejection: TokenRequestRejection? = if case .failure(let rejection) = result { rejection } else { nil }
        tokenRequests.append(TokenRequestRecord(time: now, accepted: rejection == nil, rejection: rejection))
        return result
    }
}

extension Duration {
    /// The duration in seconds, as Foundation counts time.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
