import Foundation
import HostileSegment
import SegmentAPI
import SegmentSimulator
import TestSupport
import Testing

/// Whole syncs through a hostile stand-in in front of the simulator: a listing that goes wrong
/// part-way fails the sync with one line and leaves the previous c1z byte-identical; it is never
/// written as a shorter list.
@Suite("Hostile syncs", .serialized)
struct HostileSyncTests {
    struct GatedListing: Sendable, CustomTestStringConvertible {
        var path: String
        var operation: String
        var testDescription: String { path }
    }

    static let gated = [
        GatedListing(path: "/groups", operation: "listUserGroups"),
        GatedListing(path: "/warehouses", operation: "listWarehouses"),
        GatedListing(path: "/spaces", operation: "listSpaces"),
        GatedListing(path: "/functions", operation: "listFunctions"),
    ]

    /// Demo-sized, with two functions of each kind so every gated listing has a second page.
    static let twoPages = WorkspaceSize(users: 12, groups: 3, sources: 4, warehouses: 2, functions: 10, spaces: 2, invites: 3)

    @Test("a plan-gate answer on page 2 fails the sync instead of truncating the collection", arguments: gated)
    func planGateOnLaterPageFails(_ listing: GatedListing) async throws {
        try await SyncFixture.run(size: Self.twoPages) { fixture in
            var settings = SyncFixture.ClientSettings()
            settings.pageSize = 1
            try await expectFailedSync(fixture, modes: [.planGateOnLaterPage(path: listing.path)], settings: settings) { error, hostile in
                #expect(error.operation == listing.operation, "\(error)")
                let laterPages = await hostile.requests().filter { $0.path == listing.path && $0.target.contains("pagination.cursor") }
                #expect(!laterPages.isEmpty, "the sync never reached page 2 of \(listing.path)")
            }
        }
    }

    static let plainRefusals: [(path: String, status: Int, message: String)] = [
        ("/spaces", 404, "Not Found"), ("/spaces", 403, "Forbidden"),
        ("/functions", 404, "Resource not found"), ("/functions", 403, "Access denied"),
    ]

    @Test("a plain 403 or 404 on a listing's first page is a failure, not a plan gate", arguments: 0..<4)
    func plainRefusalIsAFailure(_ index: Int) async throws {
        let refusal = Self.plainRefusals[index]
        let body = #"{"errors":[{"type":"Error","message":"\#(refusal.message)"}]}"#
        try await SyncFixture.run(size: .demo) { fixture in
            try await expectFailedSync(fixture, modes: [.respond(path: refusal.path, status: refusal.status, body: body)]) { error, _ in
                #expect(error.status == refusal.status, "\(error)")
            }
        }
    }

    @Test("a 404 carrying the plan-gate wording on the first page is still skipped with one warning")
    func planGate404IsSkipped() async throws {
        let body = #"{"errors":[{"type":"NotFound","message":"Your plan does not include Spaces"}]}"#
        try await SyncFixture.run(size: .demo) { fixture in
            try await HostileSegment.run(
                modes: [.respond(path: "/spaces", status: 404, body: body)],
                upstream: fixture.simulator.baseURL
            ) { hostile in
                let logs = CapturedLogs()
                let file = fixture.path("sync.c1z")
                try await fixture.sync(into: file, logs: logs, baseURL: hostile.baseURL)
                #expect(!(try SyncedFile(path: file)).resources.keys.contains { $0.hasPrefix("space:") })
                #expect(logs.warnings.filter { $0.message.contains("spaces") }.count == 1)
            }
        }
    }

    @Test("endless cursors on a sync listing stop the sync, naming the listing")
    func endlessCursorStopsTheSync() async throws {
        try await SyncFixture.run(size: .demo) { fixture in
            try await expectFailedSync(fixture, modes: [.endlessCursor(path: "/sources", key: "sources", totalEntries: 4)]) {
                error, hostile in
                guard case .tooManyPages(let operation, let listing, _) = error else { Issue.record("\(error)"); return }
                #expect(operation == "listSources" && listing == "/sources")
                #expect(await hostile.requests().filter { $0.path == "/sources" }.count <= 10)
            }
        }
    }

    @Test("a listed id of .. is refused, never requested as a path step")
    func dotSegmentIdIsRefused() async throws {
        try await SyncFixture.run(size: .demo) { fixture in
            try await expectFailedSync(fixture, modes: [.dotSegmentIds(path: "/users", key: "users", id: "..")]) { error, hostile in
                guard case .invalidIdentifier(_, "..") = error else { Issue.record("\(error)"); return }
                let paths = await hostile.requests().map(\.path)
                #expect(!paths.contains { $0.hasSuffix("/..") || $0.contains("/../") }, "\(paths)")
            }
        }
    }
}

/// Syncs once directly (the previous good file), then through a stand-in with `modes`: the sync
/// must fail with one line, leave the file byte-identical and leave nothing behind.
func expectFailedSync(
    _ fixture: SyncFixture, modes: [HostileMode], settings: SyncFixture.ClientSettings = SyncFixture.ClientSettings(),
    sourceLocation: SourceLocation = #_sourceLocation,
    _ check: (SegmentAPIError, HostileSegment) async throws -> Void
) async throws {
    let file = fixture.path("sync.c1z")
    try await fixture.sync(into: file)
    let before = try Data(contentsOf: URL(fileURLWithPath: file))
    let listing = try fixture.directoryListing()
    try await HostileSegment.run(modes: modes, upstream: fixture.simulator.baseURL) { hostile in
        do {
            try await fixture.sync(into: file, settings: settings, baseURL: hostile.baseURL)
            Issue.record("the sync succeeded", sourceLocation: sourceLocation)
        } catch let error as SegmentAPIError {
            expectOneClearLine("\(error)", sourceLocation: sourceLocation)
            try await check(error, hostile)
        }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before, "the previous c1z changed", sourceLocation: sourceLocation)
    #expect(try fixture.directoryListing() == listing, "the failed sync left files behind", sourceLocation: sourceLocation)
}
