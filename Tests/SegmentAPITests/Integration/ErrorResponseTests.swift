import Foundation
import SegmentSimulator
import Testing

@testable import SegmentAPI

/// Error answers from the simulator surface as typed, one-line, token-free errors.
@Suite struct ErrorResponseTests {
    @Test func aWrongTokenIsUnauthorized() async throws {
        try await SimulatorHarness.run(client: { $0.token = "wrong-SECRET-token" }) { simulator, client, _ in
            do {
                _ = try await client.listUsers(cursor: nil)
                Issue.record("a wrong token was accepted")
            } catch let error as SegmentAPIError {
                guard case .unauthorized = error else { Issue.record("\(error)"); return }
                #expect(error.description.hasPrefix("listUsers: Segment answered 401 Unauthorized: "))
                #expect(!error.description.contains("wrong-SECRET-token"))
                #expect(!error.description.contains(SimulatorHarness.token))
            }
            #expect(await simulator.stats()["listUsers"] == 1)  // 401 is not retried
        }
    }

    @Test func planGatedEndpointsOnATeamPlanAreFeatureNotInPlan() async throws {
        try await SimulatorHarness.run(plan: .team) { _, client, _ in
            let probes: [(String, @Sendable () async throws -> Void)] = [
                ("listUserGroups", { _ = try await client.listUserGroups(cursor: nil) }),
                ("listAuditEvents", { _ = try await client.listAuditEvents(cursor: nil) }),
                ("listSpaces", { _ = try await client.listSpaces(cursor: nil) }),
                ("listLabels", { _ = try await client.listLabels() }),
            ]
            for (operation, probe) in probes {
                do {
                    try await probe()
                    Issue.record("\(operation) was not gated")
                } catch let error as SegmentAPIError {
                    guard case .featureNotInPlan(let op, let status, _) = error else { Issue.record("\(error)"); continue }
                    #expect(op == operation && status == 400 && error.isCapabilityMissing)
                }
            }
            // Ungated calls still work on the team plan.
            #expect(try await !client.allUsers().collect().isEmpty)
        }
    }

    @Test func unknownIdsAreNotFound() async throws {
        try await SimulatorHarness.run { _, client, _ in
            await #expect(throws: SegmentAPIError.self) { try await client.getUser(id: "no-such-user") }
            do {
                _ = try await client.getUserGroup(id: "no-such-group")
            } catch let error as SegmentAPIError {
                guard case .notFound(let op, _) = error else { Issue.record("\(error)"); return }
                #expect(op == "getUserGroup")
                #expect(error.description.hasPrefix("getUserGroup: Segment answered 404 Not Found: "))
            }
        }
    }

    @Test func invalidInputIsValidation() async throws {
        try await SimulatorHarness.run { simulator, client, state in
            let bad = PermissionInput(roleId: "no-such-role", resources: [PermissionResource(id: state.workspace.id, type: .workspace)])
            do {
                try await client.addPermissionsToUser(userId: state.users[0].id, permissions: [bad])
                Issue.record("an unknown role was accepted")
            } catch let error as SegmentAPIError {
                guard case .validation(let op, let status, let message, _) = error else { Issue.record("\(error)"); return }
                #expect(op == "addPermissionsToUser" && status == 422 && !message.isEmpty)
            }
            #expect(await simulator.stats()["addPermissionsToUser"] == 1)
        }
    }
}
