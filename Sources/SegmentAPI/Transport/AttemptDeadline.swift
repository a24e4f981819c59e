import NIOCore

/// Runs one step of an HTTP attempt against the attempt's deadline: whichever ends first wins,
/// and the loser is cancelled (cancelling a body read makes AsyncHTTPClient drop the connection).
enum AttemptDeadline {
    static func run<T: Sendable>(
        until deadline: NIODeadline, timeout: Duration,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                let remaining =
                    deadline.uptimeNanoseconds > NIODeadline.now().uptimeNanoseconds
                    ? deadline.uptimeNanoseconds - NIODeadline.now().uptimeNanoseconds : 0
                try await Task.sleep(nanoseconds: remaining)
                throw TransportFailure(kind: .timeout, detail: "no complete response within \(timeout)")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}
