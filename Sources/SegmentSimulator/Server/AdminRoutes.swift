import Foundation
import Hummingbird

/// `/__simulator/*`: stats, snapshot, reset and scripted faults. No auth, no latency, no faults.
enum AdminRoutes {
    static let prefix = "/__simulator/"

    private struct FaultsBody: Decodable { var faults: [ScriptedFault] }

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
            guard let script = (try? JSONDecoder().decode([ScriptedFault].self, from: data))
                ?? (try? JSONDecoder().decode(FaultsBody.self, from: data))?.faults else {
                return HTTPAnswer.error(.validation("Expected [{\"operation\":\"listUsers\",\"fault\":\"500\",\"count\":1}]"))
            }
            await engine.inject(script)
            return HTTPAnswer.json(200, .object([("scripted", .int(script.count))]))
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
