import BatonKit
import BatonServiceProto
import BatonStore
import FakeConductorOne
import Foundation
import Testing

@testable import BatonServiceMode

/// Hello and sync_full against the fake ConductorOne, over TLS trusted through SSL_CERT_FILE.
@Suite struct ServiceSyncTests {
    @Test func helloDescribesTheHostTheBuildAndTheConnector() async throws {
        try await ServiceFixture.run { fixture in
            let service = try fixture.startService()
            let hello = try #require(try await fixture.conductorOne.waitForHello().first)
            await service.stop()

            #expect(hello.hostID == "service-test-host")
            #expect(hello.taskID.isEmpty)
            #expect(hello.buildInfo.package == "baton-segment" && hello.buildInfo.packageVersion == "test")
            #expect(hello.buildInfo.langVersion.hasPrefix("swift"))
            let os = hello.osInfo
            for field in [
                os.hostname, os.os, os.platform, os.platformVersion, os.platformFamily, os.kernelVersion, os.kernelArch,
                os.virtualizationSystem,
            ] {
                #expect(!field.isEmpty && field.count <= 256)
            }
            #expect(!hello.connectorMetadata.displayName.isEmpty)
            let capabilities = hello.connectorMetadata.capabilities
            #expect(capabilities.connectorCapabilities.contains(.sync) && capabilities.connectorCapabilities.contains(.provision))
            #expect(capabilities.resourceTypeCapabilities.map(\.resourceType.id).contains("user"))

            // Every call carried a token the fake issued and our user agent.
            let calls = fixture.conductorOne.calls()
            #expect(!calls.isEmpty && calls.allSatisfy(\.wasAnswered))
            #expect(calls.allSatisfy { $0.userAgent?.hasPrefix("test-client baton-sdk/") == true })
        }
    }

    @Test func aHelloTaskIsAnsweredWithAHelloAndNotFinished() async throws {
        try await ServiceFixture.run { fixture in
            let service = try fixture.startService()
            try await fixture.conductorOne.waitForHello()
            let taskId = fixture.conductorOne.enqueueHello()
            try await fixture.conductorOne.waitForCalls(count: 1) { $0.rpc == "Hello" && $0.taskId == taskId }
            // A task after it is finished, so the hello task had its turn and was not finished.
            let next = fixture.conductorOne.enqueueUnknownTaskType()
            try await fixture.conductorOne.waitForFinish(taskId: next)
            await service.stop()
            #expect(fixture.conductorOne.hellos.last?.taskID == taskId)
            #expect(fixture.conductorOne.finished(taskId: taskId) == nil)
        }
    }

    @Test func aFullSyncIsUploadedInChunksWithItsChecksumAndHoldsExactlyAOneShotSync() async throws {
        try await ServiceFixture.run(size: .small) { fixture in
            let service = try fixture.startService()
            let taskId = fixture.conductorOne.enqueueSyncFull()
            let finish = try await fixture.conductorOne.waitForFinish(taskId: taskId)
            await service.stop()

            guard case .success(let success)? = finish.finalState else { Issue.record("sync finished with \(finish)"); return }
            #expect(!success.hasResponse)
            #expect(!finish.hasStatus)
            #expect(fixture.conductorOne.heartbeatCount(taskId: taskId) >= 1)

            let upload = try #require(fixture.conductorOne.upload(taskId: taskId))
            #expect(upload.maxChunkSize <= 1 << 20)
            #expect(upload.chunkCount == (upload.bytes.count + AssetUploader.chunkSize - 1) / AssetUploader.chunkSize)

            let scratch = NSTemporaryDirectory() + "upload-\(taskId)"
            defer { try? FileManager.default.removeItem(atPath: scratch); try? FileManager.default.removeItem(atPath: scratch + ".ref") }
            try await fixture.oneShotSync(into: scratch + ".ref")
            let uploaded = try C1ZContents(bytes: upload.bytes, scratch: scratch)
            let reference = try C1ZContents(path: scratch + ".ref")
            #expect(uploaded.resources.count == reference.resources.count && !uploaded.grants.isEmpty)
            #expect(uploaded == reference)
            #expect(fixture.temporaryFiles().isEmpty, "left behind: \(fixture.temporaryFiles())")
        }
    }

    @Test func skipExpandGrantsLeavesOutExactlyTheInheritedGrants() async throws {
        try await ServiceFixture.run(size: .small) { fixture in
            let service = try fixture.startService()
            let expanded = fixture.conductorOne.enqueueSyncFull()
            let unexpanded = fixture.conductorOne.enqueueSyncFull { $0.skipExpandGrants = true }
            try await fixture.conductorOne.waitForFinish(taskId: expanded)
            try await fixture.conductorOne.waitForFinish(taskId: unexpanded)
            await service.stop()

            let scratch = NSTemporaryDirectory() + "expand-\(expanded)"
            defer { for suffix in [".a", ".b"] { try? FileManager.default.removeItem(atPath: scratch + suffix) } }
            let full = try C1ZContents(bytes: try #require(fixture.conductorOne.upload(taskId: expanded)).bytes, scratch: scratch + ".a")
            let direct = try C1ZContents(
                bytes: try #require(fixture.conductorOne.upload(taskId: unexpanded)).bytes, scratch: scratch + ".b")
            let missing = Set(full.grants.keys).subtracting(direct.grants.keys)
            #expect(!missing.isEmpty)
            #expect(Set(direct.grants.keys).isSubset(of: Set(full.grants.keys)))
            // What is missing is exactly the grants expansion made (those with `sources`).
            let inherited = try Set(full.grants.filter { try Grant(serializedBytes: $0.value).hasSources }.keys)
            #expect(missing == inherited)
            // Each upload holds only its own sync, never the history of an earlier task's file.
            let runs = try [".a", ".b"].map { try C1ZReader(path: scratch + $0).syncRuns() }
            #expect(runs.map(\.count) == [1, 1])
            #expect(runs[0].first?.syncID != runs[1].first?.syncID)
        }
    }

    @Test func resourceTypeAndResourcesOnlyFlagsAreHonoured() async throws {
        try await ServiceFixture.run { fixture in
            let service = try fixture.startService()
            let onlyUsers = fixture.conductorOne.enqueueSyncFull { $0.syncResourceTypeIds = ["workspace", "user"] }
            let resourcesOnly = fixture.conductorOne.enqueueSyncFull { $0.skipEntitlementsAndGrants = true }
            try await fixture.conductorOne.waitForFinish(taskId: onlyUsers)
            try await fixture.conductorOne.waitForFinish(taskId: resourcesOnly)
            await service.stop()

            let scratch = NSTemporaryDirectory() + "flags-\(onlyUsers)"
            defer { for suffix in [".a", ".b"] { try? FileManager.default.removeItem(atPath: scratch + suffix) } }
            let users = try C1ZContents(bytes: try #require(fixture.conductorOne.upload(taskId: onlyUsers)).bytes, scratch: scratch + ".a")
            #expect(Set(users.resourceTypes.keys) == ["workspace", "user"])
            let bare = try C1ZContents(
                bytes: try #require(fixture.conductorOne.upload(taskId: resourcesOnly)).bytes, scratch: scratch + ".b")
            #expect(!bare.resources.isEmpty && bare.entitlements.isEmpty && bare.grants.isEmpty)
        }
    }

    @Test func skipFullSyncAnswersWithAnEmptyFinishedSync() async throws {
        try await ServiceFixture.run { fixture in
            let service = try fixture.startService { $0.skipFullSync = true }
            let taskId = fixture.conductorOne.enqueueSyncFull()
            let finish = try await fixture.conductorOne.waitForFinish(taskId: taskId)
            await service.stop()
            guard case .success? = finish.finalState else { Issue.record("not a success: \(finish)"); return }
            let scratch = NSTemporaryDirectory() + "empty-\(taskId)"
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let contents = try C1ZContents(bytes: try #require(fixture.conductorOne.upload(taskId: taskId)).bytes, scratch: scratch)
            #expect(contents.resources.isEmpty && contents.grants.isEmpty)
            #expect(await fixture.simulator.stats().requests.isEmpty)
        }
    }
}
