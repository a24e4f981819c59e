import AsyncHTTPClient
import Foundation
import SegmentSimulator
import Testing

@Suite struct TrafficControlTests {
    @Test func readLimitGives429WithHeadersAndBody() async throws {
        try await Sim.with(
            config: .with {
                $0.readRatePerMinute = 3; $0.writeRatePerMinute = 1
            }
        ) { sim async throws in
            for n in 1...3 {
                let ok = try await sim.get("/roles")
                #expect(ok.status == 200)
                #expect(ok.headers.first(name: "X-RateLimit-Consumed") == "\(n)")
                #expect(ok.headers.first(name: "X-RateLimit-Remaining") == "\(3 - n)")
                let reset = try #require(ok.headers.first(name: "X-RateLimit-Reset"))
                #expect(reset.hasSuffix(" GMT") && reset.count == 29, "RFC 5322 date: \(reset)")
            }
            let limited = try await sim.get("/users")
            #expect(limited.status == 429)
            #expect(limited.headers.first(name: "X-RateLimit-Remaining") == "0")
            #expect(limited.headers.first(name: "X-RateLimit-Reset") != nil)
            #expect(limited.firstError["type"] as? String == "RequestError")
            #expect(limited.errorMessage == "Too many requests")
            let data = try #require(limited.firstError["data"] as? [String: Any])
            #expect(data["remainingPoints"] as? Int == 0)
            #expect(data["consumedPoints"] as? Int == 4)
            let wait = try #require(data["msBeforeNext"] as? Int)
            #expect(wait > 0 && wait <= 60_000)
            // Writes have their own window.
            let group = Sim.demo.groups[0]
            #expect(try await sim.call(.PATCH, "/groups/\(group.id)", body: "{\"name\":\"x\"}").status == 200)
            #expect(try await sim.call(.PATCH, "/groups/\(group.id)", body: "{\"name\":\"y\"}").status == 429)
            let stats = await sim.simulator.stats()
            #expect(stats.http429 == 2)
            #expect(stats["listUsers"] == 1)
        }
    }

    @Test func windowExpiryLetsRequestsThroughAgain() async throws {
        // A window in the past: every request starts a fresh one, so a limit of 1 never throttles
        // consecutive requests once the (zero-length) window has passed.
        try await Sim.with(
            config: .with {
                $0.readRatePerMinute = 1; $0.rateLimitWindowSeconds = 0
            }
        ) { sim async throws in
            #expect(try await sim.get("/").status == 200)
            #expect(try await sim.get("/").status == 200)
        }
    }

    @Test func scriptedFaultsHitTheNamedOperationThenStop() async throws {
        try await Sim.with { sim async throws in
            await sim.simulator.injectFaults([ScriptedFault(operation: "listUsers", fault: .http500, count: 2)])
            #expect(try await sim.get("/roles").status == 200, "other operations unaffected")
            let first = try await sim.get("/users")
            #expect(first.status == 500)
            #expect(first.firstError["type"] != nil)
            #expect(try await sim.get("/users").status == 500)
            #expect(try await sim.get("/users").status == 200)
            #expect(await sim.simulator.stats().faults == 2)
        }
    }

    @Test func adminFaultRouteMalformedAndReset() async throws {
        try await Sim.with { sim async throws in
            let script =
                "[{\"operation\":\"getWorkspace\",\"fault\":\"malformed\",\"count\":1},{\"fault\":\"503\",\"count\":1},{\"operation\":\"listRoles\",\"fault\":\"reset\",\"count\":1}]"
            let admin = try await sim.call(.POST, "/__simulator/faults", body: script, auth: false)
            #expect(admin.status == 200)
            let malformed = try await sim.get("/")
            #expect(malformed.status == 200)
            #expect((try? JSONSerialization.jsonObject(with: Data(malformed.body))) == nil)
            #expect(try await sim.get("/sources").status == 503)
            await #expect(throws: (any Error).self) { _ = try await sim.get("/roles") }
            #expect(try await sim.get("/roles").status == 200)
        }
    }

    @Test func seededRandomFaultsAreDeterministic() async throws {
        func run() async throws -> [Int] {
            try await Sim.returning(
                config: .with {
                    $0.faultRate = 0.5; $0.faults = [.http500, .http503]
                }
            ) { sim async throws in
                var statuses: [Int] = []
                for _ in 0..<20 { statuses.append(try await sim.get("/roles").status) }
                return statuses
            }
        }
        let a = try await run()
        #expect(a == (try await run()))
        #expect(a.contains(200) && a.contains { $0 >= 500 })
    }

    @Test func timeoutFaultHoldsThenAnswers() async throws {
        try await Sim.with(config: .with { $0.timeoutFaultSeconds = 0.3 }) { sim async throws in
            await sim.simulator.injectFaults([ScriptedFault(operation: nil, fault: .timeout, count: 1)])
            let started = Date()
            let reply = try await sim.get("/")
            #expect(reply.status == 200)
            #expect(Date().timeIntervalSince(started) >= 0.25)
        }
    }

    @Test func statsCountEveryRoutedRequestPerOperation() async throws {
        try await Sim.with { sim async throws in
            _ = try await sim.get("/users")
            _ = try await sim.get("/users?pagination.count=2")
            _ = try await sim.call(.GET, "/roles", auth: false)  // 401 still counts
            _ = try await sim.get("/__simulator/snapshot")  // admin routes never count
            let reply = try await sim.call(.GET, "/__simulator/stats", auth: false)
            #expect(reply.status == 200)
            let requests = reply.json["requests"] as? [String: Int]
            #expect(requests == ["listUsers": 2, "listRoles": 1])
            #expect(reply.json["total"] as? Int == 3)
            #expect(reply.json["http429"] as? Int == 0)
            #expect(await sim.simulator.stats() == SimulatorStats(requests: ["listUsers": 2, "listRoles": 1], total: 3))
            #expect(try await sim.call(.POST, "/__simulator/reset", auth: false).status == 200)
            #expect(await sim.simulator.stats().total == 0)
        }
    }

    @Test func latencyIsAddedToApiResponses() async throws {
        try await Sim.with(config: .with { $0.latencyMs = 150 }) { sim async throws in
            let started = Date()
            #expect(try await sim.get("/").status == 200)
            #expect(Date().timeIntervalSince(started) >= 0.14)
        }
    }
}
