import Foundation
import HostileSegment
import Logging

@testable import SegmentAPI

/// A client pointed at a hostile stand-in, with short test deadlines unless told otherwise.
enum HostileClient {
    static let token = "hostile-SECRET-token-31"

    static func make(
        _ server: HostileSegment, token: String = token,
        _ adjust: (inout SegmentClientConfiguration) -> Void = { _ in }
    ) throws -> SegmentClient {
        var configuration = try SegmentClientConfiguration(token: token, baseURL: server.baseURL)
        configuration.retryBaseDelay = .milliseconds(10)
        configuration.maxBackoff = .milliseconds(50)
        configuration.requestTimeout = .seconds(5)
        configuration.logger = Logger(label: "hostile-test") { _ in SwiftLogNoOpLogHandler() }
        adjust(&configuration)
        return try SegmentClient(configuration: configuration)
    }

    /// Runs `body` with a client, shutting the client down afterwards.
    static func with<T: Sendable>(
        _ server: HostileSegment, token: String = token,
        _ adjust: (inout SegmentClientConfiguration) -> Void = { _ in },
        _ body: (SegmentClient) async throws -> T
    ) async throws -> T {
        let client = try make(server, token: token, adjust)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Seconds `body` took.
    static func timed(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        return (ContinuousClock.now - start).seconds
    }
}

let workspaceBody = #"{"data":{"workspace":{"id":"w1","slug":"acme","name":"Acme"}}}"#
