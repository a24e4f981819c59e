import Foundation
import SegmentSimulator
import Testing

@testable import SegmentAPI

/// Scripted simulator faults: transient ones are retried away, persistent ones become typed errors.
@Suite struct FaultRecoveryTests {
    @Test func transientFaultsAreRetriedAndRecovered() async throws {
        try await SimulatorHarness.run(
            size: .users(30), simulator: { $0.timeoutFaultSeconds = 3 },
            client: {
                $0.pageSize = 10; $0.requestTimeout = .seconds(1)
            }
        ) { simulator, client, state in
            await simulator.injectFaults([
                ScriptedFault(operation: "listUsers", fault: .http500),
                ScriptedFault(operation: "listUsers", fault: .http503),
                ScriptedFault(operation: "listUsers", fault: .reset),
                ScriptedFault(operation: "listUsers", fault: .malformed),
                ScriptedFault(operation: "listUsers", fault: .timeout),
            ])
            let ids = try await client.allUsers().collect().map(\.id)
            #expect(ids == state.users.map(\.id))
            let stats = await simulator.stats()
            #expect(stats.faults == 5)
            #expect(stats["listUsers"] == 3 + 5)
        }
    }

    @Test func persistentFaultsSurfaceAsTypedErrors() async throws {
        // A 1 s deadline against a 3 s stall: wide enough that a fast answer is never cut off while
        // the whole suite keeps two cores busy, and still well short of the stall.
        try await SimulatorHarness.run(
            simulator: { $0.timeoutFaultSeconds = 3 },
            client: {
                $0.maxRetries = 2; $0.requestTimeout = .seconds(1)
            }
        ) { simulator, client, _ in
            let expectations: [(Fault, (SegmentAPIError) -> Bool)] = [
                (.http500, { if case .server("getWorkspace", 500, _) = $0 { true } else { false } }),
                (.http503, { if case .server("getWorkspace", 503, _) = $0 { true } else { false } }),
                (.malformed, { if case .undecodable("getWorkspace", _) = $0 { true } else { false } }),
                (.reset, { if case .transport("getWorkspace", _) = $0 { true } else { false } }),
                (.timeout, { if case .transport("getWorkspace", let message) = $0 { message.contains("timed out") } else { false } }),
            ]
            for (fault, matches) in expectations {
                await simulator.reset()
                await simulator.injectFaults([ScriptedFault(operation: "getWorkspace", fault: fault, count: 3)])
                do {
                    _ = try await client.getWorkspace()
                    Issue.record("\(fault) did not fail")
                } catch let error as SegmentAPIError {
                    #expect(matches(error), "\(fault): \(error)")
                    #expect(!error.description.contains(SimulatorHarness.token))
                }
                #expect(await simulator.stats()["getWorkspace"] == 3)
                #expect(try await client.getWorkspace().id.isEmpty == false)  // the script is spent
            }
        }
    }

    @Test func createCallsAreNotRepeatedAfterAServerFault() async throws {
        try await SimulatorHarness.run { simulator, client, _ in
            await simulator.injectFaults([
                ScriptedFault(operation: "createInvites", fault: .http500),
                ScriptedFault(operation: "createUserGroup", fault: .reset),
            ])
            await #expect(throws: SegmentAPIError.self) { try await client.createInvites([InviteInput(email: "x@example.com")]) }
            await #expect(throws: SegmentAPIError.self) { try await client.createUserGroup(name: "Once") }
            let stats = await simulator.stats()
            #expect(stats["createInvites"] == 1 && stats["createUserGroup"] == 1)
        }
    }
}
