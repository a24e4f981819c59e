import SegmentSimulator
import Testing

/// How many requests a sync makes, per operation, against numbers computed from the snapshot.
@Suite("Requests per sync")
struct RequestCountTests {
    @Test(
        "each operation is requested exactly as often as the snapshot requires",
        arguments: [(2, false), (2, true), (200, false), (200, true)])
    func requestCounts(pageSize: Int, listIncludesPermissions: Bool) async throws {
        try await SyncFixture.run(size: .small, listIncludesPermissions: listIncludesPermissions) { fixture in
            let file = fixture.path("sync.c1z")
            var settings = SyncFixture.ClientSettings()
            settings.pageSize = pageSize
            try await fixture.sync(into: file, settings: settings)
            let expected = ExpectedRequests.perSync(fixture.snapshot, pageSize: pageSize, listIncludesPermissions: listIncludesPermissions)
            let actual = ExpectedRequests.observed(await fixture.simulator.stats())
            #expect(actual == expected, "\(ExpectedRequests.differences(expected: expected, actual: actual))")
            expectMatches(try SyncedFile(path: file), fixture.expected)
        }
    }

    @Test("roles are listed once per sync, page by page, and afresh by the next sync")
    func rolesOncePerSync() async throws {
        try await SyncFixture.run(size: .demo) { fixture in
            var settings = SyncFixture.ClientSettings()
            settings.pageSize = 4
            let pages = ExpectedRequests.pages(fixture.snapshot.roles.count, 4)
            #expect(pages > 1, "the role catalogue should span several pages")
            try await fixture.sync(into: fixture.path("first.c1z"), settings: settings)
            #expect(await fixture.simulator.stats()["listRoles"] == pages)
            try await fixture.sync(into: fixture.path("second.c1z"), settings: settings)
            #expect(await fixture.simulator.stats()["listRoles"] == 2 * pages)
        }
    }

    @Test("permissions from list responses and from one GET per principal give the same file content")
    func listIncludesPermissionsSameContent() async throws {
        let state = WorkspaceGenerator.generate(seed: 23, size: .small, plan: .business)
        let withGets = try await SyncFixture.run(state: state, listIncludesPermissions: false) { fixture in
            try await fixture.sync(into: fixture.path("sync.c1z"))
            #expect(await fixture.simulator.stats()["getUser"] == state.users.count)
            return try SyncedFile(path: fixture.path("sync.c1z"))
        }
        let fromLists = try await SyncFixture.run(state: state, listIncludesPermissions: true) { fixture in
            try await fixture.sync(into: fixture.path("sync.c1z"))
            let stats = await fixture.simulator.stats()
            #expect(stats["getUser"] == 0)
            #expect(stats["getUserGroup"] == 0)
            return try SyncedFile(path: fixture.path("sync.c1z"))
        }
        let expected = ExpectedWorkspace(state)
        expectMatches(withGets, expected)
        expectMatches(fromLists, expected)
        expectSameObjects(withGets, fromLists)
    }
}
