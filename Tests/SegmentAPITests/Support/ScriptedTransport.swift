import Foundation
import Logging
import TestSupport

@testable import SegmentAPI

/// A transport that answers from a script and records what it was asked.
final class ScriptedTransport: HTTPTransport {
    enum Step: Sendable {
        case respond(status: Int, body: String, headers: [(String, String)] = [])
        case fail(TransportFailure.Kind)
    }

    private struct State {
        var steps: [Step]
        var requests: [TransportRequest] = []
        var fallback: Step?
    }

    private let state: LockedBox<State>

    /// `steps` are consumed in order; once exhausted, `fallback` repeats (or the test fails with 599).
    init(_ steps: [Step], fallback: Step? = nil) {
        state = LockedBox(State(steps: steps, fallback: fallback))
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let step: Step = state.withLock { state in
            state.requests.append(request)
            if !state.steps.isEmpty { return state.steps.removeFirst() }
            return state.fallback ?? .respond(status: 599, body: "script exhausted")
        }
        switch step {
        case .respond(let status, let body, let headers):
            return TransportResponse(status: status, headers: headers, body: Data(body.utf8))
        case .fail(let kind):
            throw TransportFailure(kind: kind, detail: "scripted")
        }
    }

    func shutdown() async throws {}

    var requests: [TransportRequest] { state.withLock { $0.requests } }
}

extension SegmentClient {
    /// A client on a scripted transport and virtual clock.
    static func scripted(
        _ transport: ScriptedTransport, clock: FakeClock = FakeClock(), token: String = "tok-SECRET-123",
        logger: Logger? = nil, adjust: (inout SegmentClientConfiguration) -> Void = { _ in }
    )
        -> SegmentClient
    {
        var configuration = SegmentClientConfiguration(token: token, baseURL: URL(string: "https://api.segmentapis.com")!)
        configuration.retryBaseDelay = .milliseconds(100)
        if let logger { configuration.logger = logger }
        adjust(&configuration)
        return SegmentClient(validated: configuration, transport: transport, clock: clock)
    }
}
