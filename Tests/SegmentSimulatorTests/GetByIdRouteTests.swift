import Foundation
import SegmentSimulator
import Testing

/// `GET /sources/{id}`, `/warehouses/{id}`, `/functions/{id}` and `/spaces/{id}` answer the same
/// object the list shows, under the singular key, and 404 for an id the workspace lacks.
@Suite struct GetByIdRouteTests {
    @Test func eachKindAnswersTheListedObjectByItsId() async throws {
        try await Sim.with { sim async throws in
            let kinds: [(list: String, key: String, single: String, path: String)] = [
                ("/sources", "sources", "source", "/sources"),
                ("/warehouses", "warehouses", "warehouse", "/warehouses"),
                ("/functions?resourceType=DESTINATION", "functions", "function", "/functions"),
                ("/spaces", "spaces", "space", "/spaces"),
            ]
            for kind in kinds {
                let listed = try await sim.get(kind.list).list(kind.key)
                let first = try #require(listed.first, "the demo workspace has \(kind.key)")
                let id = try #require(first["id"] as? String)
                let reply = try await sim.get("\(kind.path)/\(id)")
                #expect(reply.status == 200, "\(kind.path)/\(id)")
                let object = try #require(reply.data[kind.single] as? [String: Any], "\(kind.single) in \(reply.json)")
                #expect(try canonical(object) == canonical(first), "\(kind.single) differs from the listed item")

                let missing = try await sim.get("\(kind.path)/no-such-\(kind.single)")
                #expect(missing.status == 404, "\(kind.path)/no-such-\(kind.single)")
                #expect(missing.errorMessage.contains("no-such-\(kind.single)"))
            }
        }
    }

    private func canonical(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func getSourceAlsoCarriesTheTrackingPlanId() async throws {
        try await Sim.with { sim async throws in
            let id = try #require(Sim.demo.sources.first?.id)
            let reply = try await sim.get("/sources/\(id)")
            #expect(reply.data.keys.sorted() == ["source", "trackingPlanId"])
        }
    }
}

/// `planLacks` (`--plan-lacks`) takes single features away from any plan.
@Suite struct PlanLacksTests {
    @Test func lackedFeaturesAnswer400AndTheRestStayServed() async throws {
        try await Sim.with(config: .with { $0.planLacks = [.functions, .spaces] }) { sim async throws in
            let spaceId = try #require(Sim.demo.spaces.first?.id)
            for (path, feature) in [
                ("/functions?resourceType=SOURCE", "Functions"), ("/spaces", "Spaces"),
                ("/spaces/\(spaceId)", "Spaces"),
            ] {
                let reply = try await sim.get(path)
                #expect(reply.status == 400, "\(path)")
                #expect(reply.errorMessage == "Your plan does not include \(feature)", "\(path)")
            }
            for path in ["/groups", "/warehouses", "/labels", "/audit-events", "/sources"] {
                #expect(try await sim.get(path).status == 200, "\(path) is still part of the plan")
            }
        }
    }

    @Test func theTeamPlanIsTheUnionOfItsLackedFeatures() {
        #expect(Plan.team.lackedFeatures == [.groups, .warehouses, .spaces, .labels, .auditTrail])
        #expect(Plan.business.lackedFeatures.isEmpty)
        var configuration = SimulatorConfiguration(plan: .team)
        configuration.planLacks = [.functions]
        #expect(configuration.lackedFeatures == Plan.team.lackedFeatures.union([.functions]))
    }

    @Test func featureListsParseAndRejectUnknownNames() throws {
        #expect(try PlanFeature.list("groups, warehouses,audit-trail") == [.groups, .warehouses, .auditTrail])
        #expect(try PlanFeature.list("") == [])
        #expect(throws: UnknownPlanFeature.self) { try PlanFeature.list("groups,billing") }
        do {
            _ = try PlanFeature.list("billing")
        } catch {
            #expect(error.description.hasPrefix("unknown feature \"billing\""))
        }
    }
}
