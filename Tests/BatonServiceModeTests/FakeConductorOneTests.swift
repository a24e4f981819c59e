import AsyncHTTPClient
import BatonProto
import BatonServiceProto
import Crypto
import FakeConductorOne
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import NIOSSL
import SwiftProtobuf
import Testing

/// Self-checks of the fake ConductorOne: its token endpoint and BatonService answer over the one
/// TLS port, trusted through the test CA only, and its waits end on events or on shutdown.
@Suite struct FakeConductorOneTests {
    // MARK: Token endpoint

    @Test func tokenEndpointIssuesTokensForGoodAssertionsAndRefusesOthers() async throws {
        let fake = try await FakeConductorOne.start()
        let http = Self.httpClient(trusting: fake)

        do {
            let good = try await Self.requestToken(http, fake, assertion: Self.assertion(for: fake))
            #expect(good.status == 200)
            #expect(good.json["token_type"] as? String == "bearer")
            #expect(good.json["expires_in"] as? Int == 3600)
            #expect((good.json["access_token"] as? String)?.isEmpty == false)

            // Older SDKs send aud as a one-element array; both are accepted.
            let arrayAudience = try await Self.requestToken(
                http, fake, assertion: Self.assertion(for: fake, audience: ["tenant.conductor.one"]))
            #expect(arrayAudience.status == 200)

            // BATON_C1_API_HOST moves where we connect, not the audience.
            let wrongAudience = try await Self.requestToken(http, fake, assertion: Self.assertion(for: fake, audience: fake.apiHost))
            #expect(wrongAudience.status == 401)
            #expect((wrongAudience.json["error_description"] as? String)?.contains("aud") == true)

            let expired = try await Self.requestToken(http, fake, assertion: Self.assertion(for: fake, expiresIn: -10))
            #expect(expired.status == 401)

            let wrongKey = try await Self.requestToken(
                http, fake, assertion: Self.assertion(for: fake, signingKey: Curve25519.Signing.PrivateKey()))
            #expect(wrongKey.status == 401)
            #expect((wrongKey.json["error_description"] as? String)?.contains("signature") == true)

            let wrongGrant = try await Self.requestToken(http, fake, assertion: Self.assertion(for: fake), grantType: "password")
            #expect(wrongGrant.status == 401)

            fake.setRefuseTokens(true)
            let refused = try await Self.requestToken(http, fake, assertion: Self.assertion(for: fake))
            #expect(refused.status == 401)

            let records = try await fake.waitForTokenRequests(count: 7, timeout: .seconds(5))
            #expect(records.map(\.accepted) == [true, true, false, false, false, false, false])
        } catch {
            try await http.shutdown()
            try await fake.shutdown()
            throw error
        }
        try await http.shutdown()
        try await fake.shutdown()
    }

    // MARK: BatonService

    @Test func batonServiceAnswersOnTheSameTLSPortWithABearerToken() async throws {
        let fake = try await FakeConductorOne.start()
        let http = Self.httpClient(trusting: fake)
        do {
            let token = try await Self.requestToken(http, fake, assertion: Self.assertion(for: fake)).json["access_token"] as? String
            let authorized: Metadata = ["authorization": "Bearer \(try #require(token))", "user-agent": "test-client baton-sdk/self-check"]

            let syncId = fake.enqueueSyncFull { $0.skipGrants = true }
            let unknownId = fake.enqueueUnknownTaskType()

            try await Self.withBatonClient(fake) { baton in
                // No token, then a good one.
                await #expect(throws: RPCError.self) { try await baton.hello(Self.validHello()) }
                _ = try await baton.hello(Self.validHello(), metadata: authorized)
                let hellos = try await fake.waitForHello(count: 1, timeout: .seconds(5))
                #expect(hellos.first?.hostID == "self-check-host")

                var missingOS = Self.validHello()
                missingOS.osInfo.kernelArch = ""
                let invalid = await #expect(throws: RPCError.self) { try await baton.hello(missingOS, metadata: authorized) }
                #expect(invalid?.code == .invalidArgument)

                // Scripted tasks come out in order, with the configured poll and heartbeat.
                var getTask = C1_Connectorapi_Baton_V1_BatonServiceGetTaskRequest()
                getTask.hostID = "self-check-host"
                let first = try await baton.getTask(getTask, metadata: authorized)
                #expect(first.task.id == syncId)
                #expect(first.task.syncFull.skipGrants)
                #expect(first.nextPoll == Google_Protobuf_Duration(seconds: 0, nanos: 100_000_000))
                #expect(first.nextHeartbeat == Google_Protobuf_Duration(seconds: 1, nanos: 0))
                let second = try await baton.getTask(getTask, metadata: authorized)
                #expect(second.task.id == unknownId)
                #expect(second.task.taskType == nil)
                #expect(!second.task.unknownFields.data.isEmpty)
                let third = try await baton.getTask(getTask, metadata: authorized)
                #expect(!third.hasTask)
                try await fake.waitForGetTask(count: 3, timeout: .seconds(5))

                // Heartbeats, then a cancellation.
                var heartbeat = C1_Connectorapi_Baton_V1_BatonServiceHeartbeatRequest()
                heartbeat.hostID = "self-check-host"
                heartbeat.taskID = syncId
                #expect(try await baton.heartbeat(heartbeat, metadata: authorized).cancelled == false)
                fake.cancel(taskId: syncId)
                #expect(try await baton.heartbeat(heartbeat, metadata: authorized).cancelled == true)
                try await fake.waitForHeartbeats(taskId: syncId, count: 2, timeout: .seconds(5))

                // An upload in two chunks, then one with a wrong checksum.
                let asset = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0) })
                _ = try await Self.upload(
                    baton, taskId: syncId, chunks: [asset.prefix(200_000), asset.dropFirst(200_000)],
                    checksum: Data(SHA256.hash(data: asset)), metadata: authorized)
                #expect(try await fake.waitForUpload(taskId: syncId, timeout: .seconds(5)) == asset)
                let dataLoss = await #expect(throws: RPCError.self) {
                    try await Self.upload(
                        baton, taskId: syncId, chunks: [Data([1, 2, 3])], checksum: Data(count: 32), metadata: authorized)
                }
                #expect(dataLoss?.code == .dataLoss)
                let shortChecksum = await #expect(throws: RPCError.self) {
                    try await Self.upload(baton, taskId: syncId, chunks: [Data([1])], checksum: Data(count: 31), metadata: authorized)
                }
                #expect(shortChecksum?.code == .invalidArgument)
                let upload = try #require(fake.upload(taskId: syncId))
                #expect(upload.chunkSizes == [200_000, 100_000])
                #expect(upload.attempts == 1)
                #expect(fake.uploadAttempts(taskId: syncId) == 3)

                // Finishing resumes the waiter.
                async let finished = fake.waitForFinish(taskId: syncId, timeout: .seconds(5))
                var finish = C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest()
                finish.hostID = "self-check-host"
                finish.taskID = syncId
                finish.success = .init()
                _ = try await baton.finishTask(finish, metadata: authorized)
                #expect(try await finished.taskID == syncId)

                // Unavailable refuses everything, and is recorded.
                fake.setUnavailable(true)
                let unavailable = await #expect(throws: RPCError.self) { try await baton.getTask(getTask, metadata: authorized) }
                #expect(unavailable?.code == .unavailable)
                fake.setUnavailable(false)

                // A revoked token is refused until a new one is fetched.
                fake.revokeIssuedTokens()
                let revoked = await #expect(throws: RPCError.self) { try await baton.getTask(getTask, metadata: authorized) }
                #expect(revoked?.code == .unauthenticated)
            }

            let calls = fake.calls()
            #expect(calls.first?.outcome == .refused(.unauthenticated))
            #expect(calls.contains { $0.rpc == "GetTask" && $0.outcome == .refused(.unavailable) })
            #expect(calls.filter { $0.rpc == "Hello" && $0.wasAnswered }.allSatisfy { $0.userAgent == "test-client baton-sdk/self-check" })
            if case .success? = fake.finished(taskId: syncId)?.finalState {
            } else {
                Issue.record("the sync task should be finished with success")
            }
        } catch {
            try await http.shutdown()
            try await fake.shutdown()
            throw error
        }
        try await http.shutdown()
        try await fake.shutdown()
    }

    // MARK: Waiting

    @Test func waitsEndWhenTheFakeShutsDownOrTheSafetyNetPasses() async throws {
        let fake = try await FakeConductorOne.start()
        let timedOut = await #expect(throws: FakeConductorOneError.self) {
            try await fake.waitForHello(count: 1, timeout: .milliseconds(50))
        }
        #expect(timedOut == .timedOut(waitingFor: "1 Hellos"))

        let taskId = fake.enqueueSyncFull()
        async let finish: Void = {
            let error = await #expect(throws: FakeConductorOneError.self) {
                try await fake.waitForFinish(taskId: taskId, timeout: nil)
            }
            #expect(error == .shutDown(waitingFor: "FinishTask of \(taskId)"))
        }()
        try await fake.shutdown()
        await finish
        // Waits started after shutdown end at once.
        await #expect(throws: FakeConductorOneError.self) { try await fake.waitForGetTask(count: 1, timeout: nil) }
    }

    @Test func shutdownClosesConnectionsStillOpen() async throws {
        let fake = try await FakeConductorOne.start()
        let http = Self.httpClient(trusting: fake)
        let token = try await Self.requestToken(http, fake, assertion: Self.assertion(for: fake)).json["access_token"] as? String
        let authorized: Metadata = ["authorization": "Bearer \(try #require(token))"]
        try await Self.withBatonClient(fake) { baton in
            var getTask = C1_Connectorapi_Baton_V1_BatonServiceGetTaskRequest()
            getTask.hostID = "self-check-host"
            _ = try await baton.getTask(getTask, metadata: authorized)
            // The HTTP client's pooled connection and the gRPC connection are both still open.
            try await fake.shutdown()
            await #expect(throws: RPCError.self) { try await baton.getTask(getTask, metadata: authorized) }
        }
        try await http.shutdown()
    }

    @Test func credentialsAndCertificateHaveTheExpectedShapes() throws {
        let credentials = ConductorOneCredentials()
        #expect(credentials.clientId == "test-client@tenant.conductor.one/pcc")
        let parts = credentials.clientSecret.split(separator: ":")
        #expect(parts.count == 4)
        #expect(parts[2] == "v1")
        #expect(!parts[3].contains("="))
        #expect(
            try Self.privateKey(fromSecret: credentials.clientSecret).publicKey.rawRepresentation == credentials.publicKey.rawRepresentation
        )

        let authority = try TestCertificateAuthority()
        #expect(authority.caCertificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fake-c1-ca-\(UUID().uuidString).pem").path
        try authority.writeCACertificate(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == authority.caCertificatePEM)
        #expect(TaskScript.isTaskId(TaskScript.newTaskId()))
    }

    // MARK: - Helpers

    private static func validHello() -> C1_Connectorapi_Baton_V1_BatonServiceHelloRequest {
        var hello = C1_Connectorapi_Baton_V1_BatonServiceHelloRequest()
        hello.hostID = "self-check-host"
        hello.buildInfo.langVersion = "swift"
        hello.buildInfo.package = "baton-segment"
        hello.buildInfo.packageVersion = "0.0.0"
        hello.osInfo.hostname = "self-check-host"
        hello.osInfo.os = "linux"
        hello.osInfo.platform = "linux"
        hello.osInfo.platformVersion = "unknown"
        hello.osInfo.platformFamily = "unknown"
        hello.osInfo.kernelVersion = "unknown"
        hello.osInfo.kernelArch = "x86_64"
        hello.osInfo.virtualizationSystem = "none"
        hello.connectorMetadata.displayName = "Segment"
        return hello
    }

    private static func upload(
        _ baton: C1_Connectorapi_Baton_V1_BatonService.Client<HTTP2ClientTransport.Posix>,
        taskId: String,
        chunks: [Data],
        checksum: Data,
        metadata: Metadata
    ) async throws {
        _ = try await baton.uploadAsset(metadata: metadata) { writer in
            var start = C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest()
            start.metadata.hostID = "self-check-host"
            start.metadata.taskID = taskId
            try await writer.write(start)
            for chunk in chunks {
                var data = C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest()
                data.data.data = chunk
                try await writer.write(data)
            }
            var eof = C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest()
            eof.eof.sha256Checksum = checksum
            try await writer.write(eof)
        }
    }

    private static func withBatonClient(
        _ fake: FakeConductorOne,
        _ body: @Sendable (C1_Connectorapi_Baton_V1_BatonService.Client<HTTP2ClientTransport.Posix>) async throws -> Void
    ) async throws {
        let caPEM = Array(fake.certificateAuthority.caCertificatePEM.utf8)
        let transport = try HTTP2ClientTransport.Posix(
            target: .ipv4(address: "127.0.0.1", port: fake.port),
            transportSecurity: .tls { $0.trustRoots = .certificates([.bytes(caPEM, format: .pem)]) }
        )
        try await withGRPCClient(transport: transport) { client in
            try await body(C1_Connectorapi_Baton_V1_BatonService.Client(wrapping: client))
        }
    }

    private static func httpClient(trusting fake: FakeConductorOne) -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates([try! fake.certificateAuthority.caCertificate()])
        // Automatic HTTP version on purpose: offering h2 too must still reach the token endpoint.
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
    }

    private static func requestToken(
        _ http: HTTPClient,
        _ fake: FakeConductorOne,
        assertion: String,
        grantType: String = "client_credentials"
    ) async throws -> (status: UInt, json: [String: Any]) {
        var request = HTTPClientRequest(url: "https://\(fake.apiHost)/auth/v1/token")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
        let form = [
            ("client_id", fake.clientId),
            ("grant_type", grantType),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", assertion),
        ].map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~")))!)" }
        request.body = .bytes(Data(form.joined(separator: "&").utf8))
        let response = try await http.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 16)
        let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:]
        return (response.status.code, json)
    }

    /// A client assertion as the SDK builds it, with knobs to break it.
    private static func assertion(
        for fake: FakeConductorOne,
        audience: Any = "tenant.conductor.one",
        expiresIn: TimeInterval = 120,
        signingKey: Curve25519.Signing.PrivateKey? = nil
    ) throws -> String {
        let key = try signingKey ?? privateKey(fromSecret: fake.clientSecret)
        let nonce = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let now = Date().timeIntervalSince1970.rounded(.down)
        let header = try JSONSerialization.data(withJSONObject: ["alg": "EdDSA", "nonce": nonce])
        let claims = try JSONSerialization.data(withJSONObject: [
            "iss": fake.clientId, "sub": fake.clientId, "aud": audience,
            "iat": Int(now), "nbf": Int(now - 120), "exp": Int(now + expiresIn),
        ])
        let signingInput = "\(base64URL(header)).\(base64URL(claims))"
        let signature = try key.signature(for: Data(signingInput.utf8))
        return "\(signingInput).\(base64URL(signature))"
    }

    private static func privateKey(fromSecret secret: String) throws -> Curve25519.Signing.PrivateKey {
        var encoded = String(secret.split(separator: ":")[3])
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while encoded.count % 4 != 0 { encoded += "=" }
        let jwkBytes = try #require(Data(base64Encoded: encoded))
        let jwk = try #require(try JSONSerialization.jsonObject(with: jwkBytes) as? [String: String])
        #expect(jwk["kty"] == "OKP")
        #expect(jwk["crv"] == "Ed25519")
        var d = try #require(jwk["d"]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while d.count % 4 != 0 { d += "=" }
        let seed = try #require(Data(base64Encoded: d))
        return try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
