import BatonKit
import Foundation
import SegmentAPI
import SegmentConnector
import SegmentSimulator
import TestSupport
import Testing

/// The event feed over the audit trail, driven by writes made through the simulator's API.
@Suite("Event feed")
struct EventFeedTests {
    /// The principal an event is about: the changed resource, or a grant event's principal.
    static func principal(of event: Event) -> ResourceId? {
        switch event.event {
        case .resourceChangeEvent(let change)?: change.resourceID
        case .createGrantEvent(let grant)?: grant.principal.id
        case .createRevokeEvent(let revoke)?: revoke.principal.id
        default: nil
        }
    }

    @Test("after random changes the feed names every changed principal and nothing else")
    func feedNamesChangedPrincipals() async throws {
        try await SyncFixture.run(size: .small, seed: 21) { fixture in
            let startAt = Date().addingTimeInterval(-2)
            let client = try fixture.makeClient()
            let changed = try await RandomIAMChanges.apply(count: 25, seed: 3, snapshot: fixture.snapshot, plan: .business, client: client)
            try await client.shutdown()

            let (events, _) = try await fixture.allEvents(startAt: startAt)
            let named = Set(events.compactMap(Self.principal(of:)))
            #expect(
                named == changed,
                "missing \(changed.subtracting(named).map(\.key).sorted()), extra \(named.subtracting(changed).map(\.key).sorted())")
            #expect(Set(events.map(\.id)).count == events.count, "an event repeats")

            // Removed users come as revokes of workspace membership, with the ids the sync writes.
            let workspace = fixture.snapshot.workspace.id
            for event in events {
                guard case .createRevokeEvent(let revoke)? = event.event else { continue }
                #expect(revoke.entitlement.id == "workspace:\(workspace):member")
                #expect(revoke.principal.id.resourceType == "user")
                #expect(!(await fixture.simulator.snapshot()).users.contains { $0.id == revoke.principal.id.resource })
            }
        }
    }

    @Test("usage events name the member who acted and the resource acted on; other events are skipped and counted")
    func usageEvents() async throws {
        try await SyncFixture.run(size: .small, seed: 22) { fixture in
            let startAt = Date().addingTimeInterval(-2)
            let recorded = await fixture.simulator.recordRandomActivity(count: 30, seed: 9)
            #expect(recorded.count == 30)
            let (events, counts) = try await fixture.withConnector { connector in
                var events: [Event] = []
                var cursor = ""
                repeat {
                    let page = try await connector.listEvents(feedId: "", cursor: cursor, startAt: startAt, pageSize: 7)
                    events += page.events
                    cursor = page.cursor
                    if !page.hasMore { break }
                } while true
                return (events, await connector.eventFeedCounts())
            }
            #expect(events.count == recorded.count)
            let byId = Dictionary(uniqueKeysWithValues: recorded.map { ($0.id, $0) })
            for event in events {
                guard case .usageEvent(let usage)? = event.event, let audit = byId[event.id] else {
                    Issue.record("event \(event.id) is not a usage event of the recorded activity")
                    continue
                }
                #expect(usage.actorResource.id == ResourceId("user", audit.actor))
                #expect(usage.actorResource.displayName == audit.actorEmail)
                #expect(usage.targetResource.id == ResourceId(audit.resourceType, audit.resourceId))
                #expect(usage.targetResource.displayName == audit.resourceName)
            }
            #expect(counts.emitted == recorded.count && counts.skipped.isEmpty)

            // Activity by the API token (no member) and unknown kinds are skipped, and counted.
            let client = try fixture.makeClient()
            _ = try await client.updateUserGroup(id: fixture.snapshot.groups[0].id, name: "Renamed")
            try await client.shutdown()
            await fixture.simulator.recordActivity([
                MemberActivity(
                    type: "Tracking Plan Modified", actorId: fixture.snapshot.users[0].id,
                    resourceId: fixture.snapshot.sources[0].id, resourceType: "trackingPlan")
            ])
            let later = try await fixture.allEvents(startAt: startAt)
            #expect(later.events.count == recorded.count + 1, "the group rename is a change; the tracking plan edit is skipped")
        }
    }

    @Test("the cursor loses and repeats nothing across restarts, page sizes and writes between pages")
    func cursorAcrossRestarts() async throws {
        try await SyncFixture.run(size: .small, seed: 23) { fixture in
            let startAt = Date().addingTimeInterval(-2)
            await fixture.simulator.recordRandomActivity(count: 40, seed: 1)
            var seen: [String] = []
            var cursor = ""
            var round = 0
            for pageSize in [1, 3, 7, 2, 50, 5, 1000] {
                // Every page through a new connector, as after a restart; more activity arrives between pages.
                let page = try await fixture.withConnector { connector in
                    try await connector.listEvents(feedId: "", cursor: cursor, startAt: startAt, pageSize: pageSize)
                }
                #expect(page.events.count <= pageSize)
                seen += page.events.map(\.id)
                cursor = page.cursor
                round += 1
                if round < 5 { await fixture.simulator.recordRandomActivity(count: 4, seed: UInt64(100 + round)) }
            }
            let rest = try await fixture.withConnector { connector in
                try await connector.listEvents(feedId: "", cursor: cursor, startAt: startAt, pageSize: 1000)
            }
            seen += rest.events.map(\.id)
            #expect(!rest.hasMore)
            let all = await fixture.simulator.snapshot().auditEvents.suffix(40 + 4 * 4).map(\.id)
            #expect(Set(seen).count == seen.count, "an event was delivered twice")
            #expect(Set(seen) == Set(all), "missing \(Set(all).subtracting(seen).count) events")

            // Nothing new: the same cursor gives nothing and stays usable.
            let again = try await fixture.withConnector { connector in
                try await connector.listEvents(feedId: "", cursor: rest.cursor, startAt: startAt, pageSize: 10)
            }
            #expect(again.events.isEmpty && !again.hasMore)
        }
    }

    @Test("a cursor the feed did not make is refused with one line")
    func badCursor() async throws {
        try await SyncFixture.run(size: .demo) { fixture in
            await #expect(throws: SegmentConnectorError.self) {
                try await fixture.withConnector { connector in
                    try await connector.listEvents(feedId: "", cursor: "not-a-cursor", startAt: Date(), pageSize: 10)
                }
            }
        }
    }

    @Test("on a team plan the feed says once that there is no audit trail and returns no events")
    func teamPlan() async throws {
        try await SyncFixture.run(size: .small, plan: .team) { fixture in
            let logs = CapturedLogs()
            let client = try fixture.makeClient()
            _ = try await RandomIAMChanges.apply(count: 5, seed: 4, snapshot: fixture.snapshot, plan: .team, client: client)
            try await client.shutdown()
            let pages = try await fixture.withConnector(logs: logs) { connector in
                var pages: [EventPage] = []
                for _ in 0..<3 {
                    pages.append(
                        try await connector.listEvents(feedId: "", cursor: "", startAt: Date().addingTimeInterval(-60), pageSize: 10))
                }
                return pages
            }
            #expect(pages.allSatisfy { $0.events.isEmpty && !$0.hasMore && !$0.cursor.isEmpty })
            let notices = logs.warnings.filter { $0.message.contains("audit trail") }
            #expect(notices.count == 1, "\(logs.warnings.map(\.message))")
            #expect(
                !logs.all.contains {
                    $0.message.contains(SyncFixture.token) || $0.metadata.values.contains { $0.contains(SyncFixture.token) }
                })
        }
    }
}
