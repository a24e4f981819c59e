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
            // Only the working copy stays (for the next sync_full to resume); no c1z, no lock.
            let left = fixture.temporaryFiles()
            #expect(left.count == 1 && left.allSatisfy { $0.hasPrefix("c1z-working-") }, "left behind: \(left)")
            #expect(fixture.logs.all.contains { $0.message == "sync abandoned" && $0.metadata["reason"] == "shutting down" })
        }
    }

    /// A pod replaced during a deploy: SIGTERM stops the sync with its progress kept, and the
    /// restarted process resumes it when ConductorOne hands out a sync_full again, uploading
    /// exactly what an uninterrupted sync writes, with fewer Segment requests than a fresh one.
    @Test func aSyncStoppedByShutdownResumesInTheNextProcess() async throws {
        try await ServiceFixture.run(size: .small, simulatorLatencyMs: 250) { fixture in
            let reference = NSTemporaryDirectory() + "resume-reference-\(UUID().uuidString).c1z"
            defer { try? FileManager.default.removeItem(atPath: reference) }
            try await fixture.oneShotSync(into: reference)
            let fresh = await fixture.simulator.stats().total

            let first = try fixture.startService()
            let stopped = fixture.conductorOne.enqueueSyncFull()
            // Three quarters in: past at least one timed checkpoint (one a second).
            await fixture.simulator.waitForRequests(atLeast: fresh + fresh * 3 / 4)
            await first.stop()
            #expect(fixture.conductorOne.finished(taskId: stopped) == nil)
            let beforeResume = await fixture.simulator.stats().total

            let second = try fixture.startService()
            let taskId = fixture.conductorOne.enqueueSyncFull()
            let finish = try await fixture.conductorOne.waitForFinish(taskId: taskId)
            await second.stop()
            guard case .success? = finish.finalState else { Issue.record("sync finished with \(finish)"); return }

            #expect(fixture.logs.all.contains { $0.message.hasPrefix("resuming an unfinished sync") }, "the second process resumed")
            let resumedRequests = await fixture.simulator.stats().total - beforeResume
            #expect(resumedRequests < fresh, "resumed with \(resumedRequests) requests; a fresh sync takes \(fresh)")
            let upload = try #require(fixture.conductorOne.upload(taskId: taskId))
            let scratch = NSTemporaryDirectory() + "resume-upload-\(taskId)"
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            #expect(try C1ZContents(bytes: upload.bytes, scratch: scratch) == C1ZContents(path: reference))
            #expect(fixture.temporaryFiles().isEmpty, "left behind: \(fixture.temporaryFiles())")
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
