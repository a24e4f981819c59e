import TestSupport
import Testing

@testable import SegmentAPI

@Suite struct PagedSequenceTests {
    /// Pages keyed by cursor ("" = first page), and a log of the cursors asked for.
    final class FakePages: Sendable {
        let pages: [String: Page<Int>]
        let asked = LockedBox<[String?]>([])
        init(_ pages: [String: Page<Int>]) { self.pages = pages }
        func fetch(_ cursor: String?) async throws -> Page<Int> {
            asked.withLock { $0.append(cursor) }
            return pages[cursor ?? ""] ?? Page(items: [], next: nil)
        }
    }

    @Test func walksEveryPageUntilNextIsMissing() async throws {
        let source = FakePages([
            "": Page(items: [1, 2], next: "b"), "b": Page(items: [3], next: "c"),
            "c": Page(items: [4, 5], next: ""),
        ])
        let items = try await PagedSequence(operation: "listUsers", fetchPage: source.fetch).collect()
        #expect(items == [1, 2, 3, 4, 5])
        #expect(source.asked.current == [nil, "b", "c"])
    }

    @Test func aRepeatedCursorIsAnErrorNotALoop() async throws {
        let source = FakePages([
            "": Page(items: [1], next: "b"), "b": Page(items: [2], next: "c"),
            "c": Page(items: [3], next: "b"),
        ])
        var seen: [Int] = []
        await #expect(throws: SegmentAPIError.repeatedCursor(operation: "listRoles", cursor: "b")) {
            for try await item in PagedSequence(operation: "listRoles", fetchPage: source.fetch) { seen.append(item) }
        }
        // The error surfaces as soon as the bad cursor arrives, and nothing is fetched again.
        #expect(seen == [1, 2])
        #expect(source.asked.current == [nil, "b", "c"])
    }

    @Test func aPageThatPointsAtItselfIsCaught() async throws {
        let source = FakePages(["": Page(items: [1], next: "self", current: "self")])
        await #expect(throws: SegmentAPIError.self) {
            _ = try await PagedSequence(operation: "listSources", fetchPage: source.fetch).collect()
        }
    }

    @Test func emptyPagesWithANextCursorAreFollowed() async throws {
        let source = FakePages(["": Page(items: [], next: "b"), "b": Page(items: [7], next: nil)])
        #expect(try await PagedSequence(operation: "listUsers", fetchPage: source.fetch).collect() == [7])
    }
}
