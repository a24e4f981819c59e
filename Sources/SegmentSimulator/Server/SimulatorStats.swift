/// Request accounting, as served by `GET /__simulator/stats`:
/// `{"requests":{"listUsers":N,...},"total":N,"http429":N,"faults":N}`.
/// Every API request that matched a route counts, including ones answered 401, 429 or faulted.
package struct SimulatorStats: Codable, Sendable, Equatable {
    /// Requests per operation name (Segment operation ids, lowerCamelCase).
    package var requests: [String: Int]
    package var total: Int
    /// Requests answered 429.
    package var http429: Int
    /// Requests that got an injected fault.
    package var faults: Int

    package init(requests: [String: Int] = [:], total: Int = 0, http429: Int = 0, faults: Int = 0) {
        self.requests = requests
        self.total = total
        self.http429 = http429
        self.faults = faults
    }

    /// Requests counted for one operation (0 when none).
    package subscript(operation: String) -> Int { requests[operation] ?? 0 }
}
