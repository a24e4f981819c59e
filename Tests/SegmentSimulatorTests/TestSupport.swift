import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SegmentSimulator
import Testing

/// One HTTP reply from the simulator, with its JSON body parsed loosely.
struct Reply {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
    var data: [String: Any] { json["data"] as? [String: Any] ?? [:] }
    var firstError: [String: Any] { (json["errors"] as? [[String: Any]])?.first ?? [:] }
    var errorMessage: String { firstError["message"] as? String ?? "" }
    func list(_ key: String) -> [[String: Any]] { data[key] as? [[String: Any]] ?? [] }
    func strings(_ key: String) -> [String] { data[key] as? [String] ?? [] }
    var pagination: [String: Any] { data["pagination"] as? [String: Any] ?? [:] }
    var next: String? { pagination["next"] as? String }
}

/// A simulator on loopback plus a way to call it.
struct Sim {
    let simulator: RunningSimulator
    let token: String

    static let demo = WorkspaceGenerator.generate(seed: 7, size: .demo, plan: .business)

    /// Starts a simulator, runs `body`, always shuts it down.
    static func with(
        _ state: WorkspaceSnapshot = demo, config configuration: SimulatorConfiguration = .init(),
        _ body: (Sim) async throws -> Void
    ) async throws {
        try await returning(state, config: configuration, body)
    }

    /// `with`, for bodies that produce a value.
    static func returning<T>(
        _ state: WorkspaceSnapshot = demo, config configuration: SimulatorConfiguration = .init(),
        _ body: (Sim) async throws -> T
    ) async throws -> T {
        let simulator = try await RunningSimulator.start(state: state, configuration: configuration)
        let sim = Sim(simulator: simulator, token: configuration.token)
        do {
            let result = try await body(sim)
            try await simulator.shutdown()
            return result
        } catch {
            try? await simulator.shutdown()
            throw error
        }
    }

    /// Sends a request; `path` includes the query string exactly as given (already encoded).
    func call(_ method: HTTPMethod = .GET, _ path: String, body: String? = nil, auth: Bool = true) async throws -> Reply {
        var request = HTTPClientRequest(url: simulator.baseURL + path)
        request.method = method
        if auth { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: buffer))
    }

    func get(_ path: String) async throws -> Reply { try await call(.GET, path) }

    /// The e-mail form used in query strings (`@` and `+` percent-encoded).
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    /// Walks a list endpoint to the end; returns items and the number of requests.
    func walk(_ path: String, key: String, count: Int) async throws -> (items: [[String: Any]], requests: Int) {
        var items: [[String: Any]] = []
        var cursor: String? = nil
        var requests = 0
        repeat {
            let separator = path.contains("?") ? "&" : "?"
            let cursorPart = cursor.map { "&pagination.cursor=\(Sim.encode($0))" } ?? ""
            let reply = try await get("\(path)\(separator)pagination.count=\(count)\(cursorPart)")
            try #require(reply.status == 200, "\(reply.status) \(reply.errorMessage)")
            items += reply.list(key)
            cursor = reply.next
            requests += 1
        } while cursor != nil && requests < 10_000
        return (items, requests)
    }
}

/// JSON for a permissions body.
func permissionsBody(roleId: String, resources: [(id: String, type: String, labels: [(String, String)])]) -> String {
    let items = resources.map { r -> String in
        let labels =
            r.labels.isEmpty
            ? "" : ",\"labels\":[" + r.labels.map { "{\"key\":\"\($0.0)\",\"value\":\"\($0.1)\"}" }.joined(separator: ",") + "]"
        return "{\"id\":\"\(r.id)\",\"type\":\"\(r.type)\"\(labels)}"
    }
    return "{\"permissions\":[{\"roleId\":\"\(roleId)\",\"resources\":[\(items.joined(separator: ","))]}]}"
}

extension SimulatorConfiguration {
    /// The default configuration with some fields changed.
    static func with(_ change: (inout SimulatorConfiguration) -> Void) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        change(&configuration)
        return configuration
    }
}
