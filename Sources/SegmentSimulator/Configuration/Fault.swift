/// A failure the simulator can inject into an API response.
package enum Fault: String, Sendable, Codable, CaseIterable {
    /// 500 with a server error envelope.
    case http500 = "500"
    /// 503 with a server error envelope.
    case http503 = "503"
    /// Close the connection without writing a response.
    case reset
    /// Hold the response for `timeoutFaultSeconds`, then answer normally.
    case timeout
    /// 200 with a truncated, non-JSON body.
    case malformed
}

/// A deterministic fault for tests: the next `count` requests of `operation` (any operation when
/// nil) fail with `fault`. Scripted faults take precedence over the random `faultRate`.
/// JSON form (for `POST /__simulator/faults`): `{"operation":"listUsers","fault":"500","count":2}`.
package struct ScriptedFault: Sendable, Codable, Equatable {
    package var operation: String?
    package var fault: Fault
    package var count: Int

    package init(operation: String?, fault: Fault, count: Int = 1) {
        self.operation = operation
        self.fault = fault
        self.count = count
    }
}
