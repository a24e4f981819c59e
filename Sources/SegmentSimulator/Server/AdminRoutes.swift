import Foundation
import Hummingbird

/// `/__simulator/*`: stats, snapshot, reset and scripted faults. No auth, no latency, no faults.
enum AdminRoutes {
    static let prefix = "/__simulator/"

    private struct FaultsBody: Decodable { var faults: [ScriptedFault] }
    /// `{"actions": [...]}` or `{"count": 20, "seed": 7}` (random members editing random resources).
    private struct ActivityBody: Decodable { var actions: [MemberActivity]?; var count: Int?; var seed: UInt64? }

    static func respond(method: String, path: String, body: [UInt8], engine: SimulatorEngine) async -> Response {
        switch (method, String(path.dropFirst(prefix.count))) {
        case ("GET", "stats"):
            return encoded(await engine.currentStats())
        case ("GET", "snapshot"):
            return encoded(await engine.snapshot())
        case ("POST", "reset"):
            await engine.reset()
            return HTTPAnswer.json(200, .object([("status", .string("reset"))]))
        case ("POST", "faults"):
            // Either a bare array of scripted faults or {"faults": [...]}.
            let data = Data(body)
            guard
                let script = (try? JSONDecoder().decode([ScriptedFault].self, from: data))
                    ?? (try? JSONDecoder().decode(FaultsBody.self, from: data))?.faults
            else {
                return HTTPAnswer.error(.validation("Expected [{\"operation\":\"listUsers\",\"fault\":\"500\",\"count\":1}]"))
            }
            await engine.inject(script)
            return HTTPAnswer.json(200, .object([("scripted", .int(script.count))]))
        case ("POST", "activity"):
            guard let request = try? JSONDecoder().decode(ActivityBody.self, from: Data(body)),
                request.actions != nil || (request.count ?? 0) > 0
            else {
                return HTTPAnswer.error(
                    .validation(
                        "Expected {\"count\":20,\"seed\":7} or {\"actions\":[{\"type\":\"Source Modified\",\"actorId\":...,\"resourceId\":...,\"resourceType\":\"source\"}]}"
                    ))
            }
            let events = await engine.recordActivity(
                request.actions, randomCount: request.count ?? 0, seed: request.seed ?? 1,
                now: Int(Date().timeIntervalSince1970))
            return HTTPAnswer.json(200, .object([("recorded", .int(events.count))]))
        default:
            return HTTPAnswer.error(.notFound("No simulator admin route \(method) \(path)"))
        }
    }

    private static func encoded(_ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else {
            return HTTPAnswer.error(APIError(status: 500, type: "server", message: "Could not encode simulator state"))
        }
        return HTTPAnswer.json(200, Array(data))
    }
}
