import BatonKit
import BatonServiceProto
import FakeConductorOne
import Foundation
import Synchronization
import Testing

@testable import BatonServiceMode

/// The long-running side of service mode: heartbeats, cancellation, token refresh, outages,
/// refused credentials, shutdown during a sync, and the health endpoints.
@Suite struct ServiceLifecycleTests {
    /// Every Segment request takes this long, so a sync is still running when the test acts.
    static let slowSegmentMs = 2_000

    @Test func aSyncCancelledThroughItsHeartbeatIsAbandonedAndLeavesNothing() async throws {
        try await ServiceFixture.run(simulatorLatencyMs: Self.slowSegmentMs) { fixture in
            let service = try fixture.startService()
            let taskId = fixture.conductorOne.enqueueSyncFull()
            try await fixture.conductorOne.waitForHeartbeats(taskId: taskId, count: 1)
            fixture.conductorOne.cancel(taskId: taskId)
            let abandoned = await fixture.logs.waitFor(message: "sync abandoned")
            #expect(abandoned.metadata["reason"] == "ConductorOne cancelled the task")
            #expect(fixture.temporaryFiles().isEmpty, "left behind: \(fixture.temporaryFiles())")
            #expect(fixture.conductorOne.finished(taskId: taskId) == nil)
            #expect(fixture.conductorOne.upload(taskId: taskId) == nil)
            // The service goes on: the next task is served.
            let next = fixture.conductorOne.enqueueUnknownTaskType()
            try await fixture.conductorOne.waitForFinish(taskId: next)
            await service.stop()
            #expect(fixture.conductorOne.finished(taskId: taskId) == nil)
        }
    }

    @Test func shutdownDuringASyncAbandonsItCleanlyAndReturnsNormally() async throws {
        try await ServiceFixture.run(simulatorLatencyMs: Self.slowSegmentMs) { fixture in
            let service = try fixture.startService()
            let taskId = fixture.conductorOne.enqueueSyncFull()
            try await fixture.conductorOne.waitForHeartbeats(taskId: taskId, count: 1)
            let started = ContinuousClock.now
            let result = await service.stop()
            #expect(ContinuousClock.now - started < .seconds(30))
            if case .failure(let error) = result { Issue.record("run() threw \(error)") }
            #expect(fixture.conductorOne.finished(taskId: taskId) == nil)
            #expect(fixture.temporaryFiles().isEmpty, "left behind: \(fixture.temporaryFiles())")
            #expect(fixture.logs.all.contains { $0.message == "sync abandoned" && $0.metadata["reason"] == "shutting down" })
        }
    }

    @Test func shortLivedTokensAreRefreshedBeforeTheyExpire() async throws {
        try await ServiceFixture.run(conductorOne: .init(tokenLifetimeSeconds: 2)) { fixture in
            let service = try fixture.startService()
            let requests = try await fixture.conductorOne.waitForTokenRequests(count: 3)
            await service.stop()
            #expect(requests.allSatisfy { $0.accepted })
            let refused = fixture.conductorOne.calls().filter { !$0.wasAnswered }
            #expect(refused.isEmpty, "calls refused: \(refused.map { "\($0.rpc) \($0.outcome)" })")
        }
    }

    @Test func conductorOneUnavailableForAWhileIsRiddenOutWithoutLosingATask() async throws {
        try await ServiceFixture.run { fixture in
            fixture.conductorOne.setUnavailable(true)
            let queued = fixture.conductorOne.enqueueUnknownTaskType()
            let service = try fixture.startService()
            try await fixture.conductorOne.waitForCalls(count: 2) { $0.rpc == "Hello" && !$0.wasAnswered }
            fixture.conductorOne.setUnavailable(false)
            try await fixture.conductorOne.waitForHello()
            try await fixture.conductorOne.waitForFinish(taskId: queued)

            fixture.conductorOne.setUnavailable(true)
            try await fixture.conductorOne.waitForCalls(count: 1) { $0.rpc == "GetTask" && !$0.wasAnswered }
            let later = fixture.conductorOne.enqueueUnknownTaskType()
            fixture.conductorOne.setUnavailable(false)
            try await fixture.conductorOne.waitForFinish(taskId: later)
            await service.stop()
            #expect(fixture.logs.all.contains { $0.message == "Hello failed; retrying" })
            #expect(fixture.logs.all.contains { $0.message == "GetTask failed; backing off" })
        }
    }

    @Test func refusedCredentialsStopTheProcessAsUnauthenticated() async throws {
        try await ServiceFixture.run(conductorOne: .init(refuseTokens: true)) { fixture in
            let service = try fixture.startService()
            let result = await service.finished()
            guard case .failure(let error) = result else { Issue.record("run() returned normally"); return }
            #expect(BatonStatusCode.of(error) == .unauthenticated)
            #expect(!"\(error)".contains(fixture.conductorOne.clientSecret))
            #expect(fixture.conductorOne.tokenRequests.count == 1)
            #expect(fixture.conductorOne.helloCount == 0)
        }
    }

    @Test func aMalformedSecretFailsBeforeAnyNetworkCall() async throws {
        try await ServiceFixture.run { fixture in
            let broken = fixture.conductorOne.clientSecret.replacingOccurrences(of: ":v1:", with: ":v9:")
            #expect(throws: BatonError.self) { try fixture.startService(clientSecret: broken) }
            #expect(fixture.conductorOne.tokenRequests.isEmpty && fixture.conductorOne.calls().isEmpty)
        }
    }

    @Test func theHealthServerAnswersLiveReadyAndHealth() async throws {
        try await ServiceFixture.run { fixture in
            let bound = AsyncStream<Int>.makeStream()
            let service = try fixture.startService(healthServerPorts: bound.continuation) {
                $0.service.healthCheck = true
                $0.service.healthCheckPort = 0
            }
            var ports = bound.stream.makeAsyncIterator()
            let port = try #require(await ports.next())
            let settings = HealthCheckSettings(bindAddress: "127.0.0.1", port: port)
            try await HealthProbe.check(.live, settings: settings, timeout: .seconds(5))
            // The poller asks for its first task only after it has marked Hello accepted.
            try await fixture.conductorOne.waitForGetTask()
            try await HealthProbe.check(.ready, settings: settings, timeout: .seconds(5))
            try await HealthProbe.check(.health, settings: settings, timeout: .seconds(5))
            await service.stop()
        }
    }

    @Test func healthFailsWhenTheSegmentTokenIsRefused() async throws {
        try await ServiceFixture.run { fixture in
            let bound = AsyncStream<Int>.makeStream()
            let service = try fixture.startService(segmentToken: "wrong-token", healthServerPorts: bound.continuation) {
                $0.service.healthCheck = true
                $0.service.healthCheckPort = 0
            }
            var ports = bound.stream.makeAsyncIterator()
            let port = try #require(await ports.next())
            let settings = HealthCheckSettings(bindAddress: "127.0.0.1", port: port)
            try await HealthProbe.check(.live, settings: settings, timeout: .seconds(5))
            await #expect(throws: BatonError.self) { try await HealthProbe.check(.health, settings: settings, timeout: .seconds(5)) }
            await service.stop()
        }
    }
}
