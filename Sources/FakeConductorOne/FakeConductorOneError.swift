/// Why the fake could not start, or why a wait on it ended without the awaited event.
package enum FakeConductorOneError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A listening socket had no port.
    case couldNotBind
    /// The fake was shut down while something still waited on it.
    case shutDown(waitingFor: String)
    /// The safety-net timeout of a wait passed first; the awaited event never happened.
    case timedOut(waitingFor: String)

    package var description: String {
        switch self {
        case .couldNotBind: "the fake ConductorOne could not bind a loopback port"
        case .shutDown(let what): "the fake ConductorOne shut down while waiting for \(what)"
        case .timedOut(let what): "timed out waiting for \(what)"
        }
    }
}
