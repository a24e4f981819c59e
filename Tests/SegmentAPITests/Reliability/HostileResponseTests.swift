import Foundation
import HostileSegment
import Logging
import Testing

@testable import SegmentAPI

/// The client against a hostile server: every misbehaviour ends in one clear, bounded failure.
@Suite("Hostile server responses", .serialized)
struct HostileResponseTests {
    @Test("a body trickling one byte at a time fails at the attempt's deadline, not when it ends")
    func tricklingBodyTimesOut() async throws {
        // 400 bytes at 25 ms each would take 10 s; the attempt deadline is 0.5 s, so two attempts
        // and the wait between them end within a few seconds even on a loaded machine.
        let body = workspaceBody + String(repeating: " ", count: 400 - workspaceBody.utf8.count)
        try await HostileSegment.run(modes: [.trickle(path: "/", body: body, interval: .milliseconds(25))]) { server in
            try await HostileClient.with(
                server,
                {
                    $0.requestTimeout = .milliseconds(500); $0.maxRetries = 1
                }
            ) { client in
                var failure: SegmentAPIError?
                let elapsed = await HostileClient.timed {
                    failure = await #expect(throws: SegmentAPIError.self) { _ = try await client.getWorkspace() }
                }
                #expect(elapsed < 6, "two 0.5 s attempts took \(elapsed) s, against 10 s for the whole body")
                guard case .transport(_, let message)? = failure else {
                    Issue.record("not a transport failure: \(String(describing: failure))"); return
                }
                #expect(message.contains("timed out"), "\(message)")
            }
        }
    }

    @Test("a server that always returns a new cursor is stopped past ten times the pages its total implies")
    func endlessCursorIsBoundedByTotals() async throws {
        try await HostileSegment.run(modes: [.endlessCursor(path: "/users", key: "users", totalEntries: 3)]) { server in
            try await HostileClient.with(server) { client in
                var cursor: String?
                var pages = 0
                do {
                    repeat {
                        cursor = try await client.listUsers(cursor: cursor).next
                        pages += 1
                    } while cursor != nil && pages < 1_000
                    Issue.record("paged \(pages) times without an error")
                } catch let error as SegmentAPIError {
                    guard case .tooManyPages(let operation, let listing, let count) = error else { Issue.record("\(error)"); return }
                    #expect(operation == "listUsers" && listing == "/users" && count == 10)
                    #expect("\(error)".contains("/users"))
                }
            }
            #expect(await server.requests().count == 10)
        }
    }

    @Test("paging by cursor (as the connector does) is bounded too, and without totals by the fixed ceiling")
    func endlessCursorIsBoundedWhenPagedByHand() async throws {
        try await HostileSegment.run(modes: [.endlessCursor(path: "/sources", key: "sources", totalEntries: nil)]) { server in
            try await HostileClient.with(server, { $0.maxPagesPerListing = 25 }) { client in
                var cursor: String?
                var pages = 0
                do {
                    repeat {
                        cursor = try await client.listSources(cursor: cursor).next
                        pages += 1
                    } while cursor != nil && pages < 1_000
                    Issue.record("paged \(pages) times without an error")
                } catch let error as SegmentAPIError {
                    guard case .tooManyPages(_, _, 25) = error else { Issue.record("\(error)"); return }
                }
            }
            #expect(await server.requests().count == 25)
        }
    }

    @Test("Retry-After: 86400 fails at once, saying what Segment asked for")
    func hugeRetryAfterIsRefused() async throws {
        try await HostileSegment.run(modes: [.retryAfter(path: "/", seconds: 86_400)]) { server in
            try await HostileClient.with(server) { client in
                var error: SegmentAPIError?
                let elapsed = await HostileClient.timed {
                    error = await #expect(throws: SegmentAPIError.self) { _ = try await client.getWorkspace() }
                }
                #expect(elapsed < 2, "took \(elapsed) s")
                guard case .waitRefused? = error else { Issue.record("\(String(describing: error))"); return }
                let text = "\(error!)"
                #expect(text.contains("86400") && text.contains("Retry-After") && !text.contains("\n"), "\(text)")
            }
        }
    }

    @Test("a rate-limit reset an hour ahead fails the next request at once instead of stalling it")
    func farFutureResetIsRefused() async throws {
        try await HostileSegment.run(modes: [.farFutureReset(path: "/", seconds: 3_600, body: workspaceBody)]) { server in
            try await HostileClient.with(server) { client in
                _ = try await client.getWorkspace()  // its answer says the window is spent for an hour
                var error: SegmentAPIError?
                let elapsed = await HostileClient.timed {
                    error = await #expect(throws: SegmentAPIError.self) { _ = try await client.getWorkspace() }
                }
                #expect(elapsed < 2, "took \(elapsed) s")
                let text = error.map { "\($0)" } ?? ""
                #expect(text.contains("X-RateLimit-Reset") && (text.contains("3600") || text.contains("3599")), "\(text)")
            }
        }
    }

    @Test("ids . .. and empty are refused before anything is sent")
    func dotSegmentIdsAreRefused() async throws {
        try await HostileSegment.run(modes: []) { server in
            try await HostileClient.with(server) { client in
                for id in ["..", ".", ""] {
                    let error = await #expect(throws: SegmentAPIError.self) { _ = try await client.getUser(id: id) }
                    guard case .invalidIdentifier(let operation, let refused)? = error else {
                        Issue.record("\(id.debugDescription): \(String(describing: error))"); continue
                    }
                    #expect(operation == "getUser" && refused == id)
                }
                // Ids that merely contain dots are ordinary ids.
                _ = try? await client.getUser(id: "a..b")
            }
            #expect(await server.requests().map(\.path) == ["/users/a..b"])
        }
    }

    @Test("a refused connection is reported within seconds, not after the full retry schedule")
    func refusedConnectionFailsFast() async throws {
        let closed = try await HostileSegment.start(modes: [])
        let baseURL = closed.baseURL
        try await closed.shutdown()
        var configuration = try SegmentClientConfiguration(token: HostileClient.token, baseURL: baseURL)
        configuration.logger = .init(label: "t") { _ in SwiftLogNoOpLogHandler() }
        let client = try SegmentClient(configuration: configuration)  // production retry settings
        var error: SegmentAPIError?
        let elapsed = await HostileClient.timed {
            error = await #expect(throws: SegmentAPIError.self) { _ = try await client.getWorkspace() }
        }
        try await client.shutdown()
        #expect(elapsed < 8, "took \(elapsed) s")
        guard case .transport(_, let message)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(message.lowercased().contains("connect"), "\(message)")
    }

    @Test("100,000-deep JSON is reported as too deeply nested, not as invalid JSON")
    func deepJSONIsNamed() async throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        try await HostileSegment.run(modes: [.respond(path: "/", status: 200, body: deep)]) { server in
            try await HostileClient.with(server, { $0.maxRetries = 0 }) { client in
                let error = await #expect(throws: SegmentAPIError.self) { _ = try await client.getWorkspace() }
                let text = error.map { "\($0)" } ?? ""
                #expect(text.contains("nested too deeply") && text.count < 400, "\(text)")
            }
        }
    }

    @Test("an oversized body fails once, naming the limit, and is not fetched again")
    func oversizedBodyIsRefused() async throws {
        try await HostileSegment.run(modes: [.oversized(path: "/", bytes: 2_000_000)]) { server in
            try await HostileClient.with(server, { $0.maxResponseBytes = 1_000_000 }) { client in
                let error = await #expect(throws: SegmentAPIError.self) { _ = try await client.getWorkspace() }
                guard case .undecodable(_, let message)? = error else { Issue.record("\(String(describing: error))"); return }
                #expect(message.contains("too large") && message.contains("1000000"), "\(message)")
            }
            #expect(await server.requests().count == 1)
        }
    }

    @Test("a redirect is not followed (the token would go with it)")
    func redirectsAreNotFollowed() async throws {
        try await HostileSegment.run(modes: []) { elsewhere in
            try await HostileSegment.run(modes: [.redirect(path: "/", location: elsewhere.baseURL + "/")]) { server in
                try await HostileClient.with(server) { client in
                    let error = await #expect(throws: SegmentAPIError.self) { _ = try await client.getWorkspace() }
                    #expect(error?.status == 302)
                }
            }
            #expect(await elsewhere.requests().isEmpty)
        }
    }

    @Test("wrong types in a list are a one-line undecodable error naming the field")
    func wrongTypesAreNamed() async throws {
        try await HostileSegment.run(modes: [.respond(path: "/users", status: 200, body: #"{"data":{"users":"everyone"}}"#)]) { server in
            try await HostileClient.with(server, { $0.maxRetries = 0 }) { client in
                let error = await #expect(throws: SegmentAPIError.self) { _ = try await client.listUsers(cursor: nil) }
                #expect(error.map { "\($0)" }?.contains("data.users") == true, "\(String(describing: error))")
            }
        }
    }
}
