import BatonKit
import BatonStore
import Foundation
import Testing

/// Everything one c1z holds, read back with `C1ZReader` and keyed by id.
struct SyncedFile {
    var resourceTypes: Set<String>
    /// By `<type>:<id>`.
    var resources: [String: Resource]
    var entitlements: [String: Entitlement]
    var grants: [String: Grant]

    init(path: String) throws {
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        resourceTypes = Set(try reader.resourceTypes().map(\.id))
        resources = try Self.keyed(reader.resources(), what: "resource") { $0.id.key }
        entitlements = try Self.keyed(reader.entitlements(), what: "entitlement", \.id)
        grants = try Self.keyed(reader.grants(), what: "grant", \.id)
    }

    /// Rows keyed by id; the file holding one id twice is itself a failure.
    private static func keyed<T>(_ rows: [T], what: String, _ key: (T) -> String) -> [String: T] {
        var out: [String: T] = [:]
        for row in rows {
            let id = key(row)
            #expect(out[id] == nil, "the file holds \(what) \(id) twice")
            out[id] = row
        }
        return out
    }
}

/// Set comparison with a failure message naming the first few missing and extra ids.
func expectSameIds(
    _ actual: some Collection<String>, _ expected: Set<String>, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let actualSet = Set(actual)
    let missing = expected.subtracting(actualSet).sorted()
    let extra = actualSet.subtracting(expected).sorted()
    #expect(
        missing.isEmpty && extra.isEmpty,
        """
        \(what): expected \(expected.count), file has \(actualSet.count); \
        \(missing.count) missing \(Array(missing.prefix(5))), \(extra.count) extra \(Array(extra.prefix(5)))
        """, sourceLocation: sourceLocation)
}

/// The sync matches the oracle exactly: resources, entitlements, grants (direct and inherited),
/// expansion sources, `GrantExpandable` on group-held grants, and nothing dangling.
func expectMatches(_ file: SyncedFile, _ expected: ExpectedWorkspace, sourceLocation: SourceLocation = #_sourceLocation) {
    expectSameIds(file.resources.keys, expected.resources, "resources", sourceLocation: sourceLocation)
    expectSameIds(file.entitlements.keys, expected.entitlements, "entitlements", sourceLocation: sourceLocation)
    expectSameIds(file.grants.keys, expected.allGrants, "grants", sourceLocation: sourceLocation)
    expectExpansion(file, expected, sourceLocation: sourceLocation)
    expectNothingDangles(file, sourceLocation: sourceLocation)
}

/// Inherited grants carry exactly the expected `sources`; grants held only directly carry none;
/// group-held grants carry `GrantExpandable{[group:<g>:member], [user]}` and no other grant does.
func expectExpansion(_ file: SyncedFile, _ expected: ExpectedWorkspace, sourceLocation: SourceLocation = #_sourceLocation) {
    var wrongSources: [String] = []
    var wrongExpandable: [String] = []
    for (id, grant) in file.grants.sorted(by: { $0.key < $1.key }) {
        let map = grant.sources.sources
        var wanted: [String: Bool] = [:]  // source entitlement id -> isDirect
        if let groups = expected.inheritedSources[id] {
            for group in groups { wanted[group] = false }
            if expected.directGrants.contains(id) { wanted[grant.entitlement.id] = true }
        }
        let got = map.mapValues(\.isDirect)
        if got != wanted {
            wrongSources.append("\(id) sources \(got.sorted { $0.key < $1.key }) want \(wanted.sorted { $0.key < $1.key })")
        }

        let expandable = grant.annotations.first(GrantExpandable.self)
        if let member = expected.groupHeldGrants[id] {
            if expandable?.entitlementIds != [member] || expandable?.resourceTypeIds != ["user"] {
                wrongExpandable.append(
                    "\(id) has \(expandable.map { "\($0.entitlementIds) \($0.resourceTypeIds)" } ?? "no GrantExpandable")")
            }
        } else if expandable != nil {
            wrongExpandable.append("\(id) is not group-held but carries GrantExpandable")
        }
    }
    #expect(
        wrongSources.isEmpty, "\(wrongSources.count) grants with wrong sources, e.g. \(Array(wrongSources.prefix(3)))",
        sourceLocation: sourceLocation)
    #expect(
        wrongExpandable.isEmpty, "\(wrongExpandable.count) grants with wrong GrantExpandable, e.g. \(Array(wrongExpandable.prefix(3)))",
        sourceLocation: sourceLocation)
}

/// Every grant's entitlement, the entitlement's resource and the grant's principal are in the
/// file (the `baton` CLI prints MISSING otherwise), and so is every resource's parent.
func expectNothingDangles(_ file: SyncedFile, sourceLocation: SourceLocation = #_sourceLocation) {
    var problems: [String] = []
    for (id, resource) in file.resources where resource.hasParentResourceID {
        if file.resources[resource.parentResourceID.key] == nil {
            problems.append("resource \(id): parent \(resource.parentResourceID.key) missing")
        }
        if !file.resourceTypes.contains(resource.id.resourceType) { problems.append("resource \(id): type missing") }
    }
    for (id, entitlement) in file.entitlements {
        if file.resources[entitlement.resource.id.key] == nil {
            problems.append("entitlement \(id): resource \(entitlement.resource.id.key) missing")
        }
        if id != "\(entitlement.resource.id.key):\(entitlement.slug)" { problems.append("entitlement \(id): id is not <resource>:<slug>") }
    }
    for (id, grant) in file.grants {
        if file.entitlements[grant.entitlement.id] == nil { problems.append("grant \(id): entitlement missing") }
        if file.resources[grant.entitlement.resource.id.key] == nil { problems.append("grant \(id): entitlement resource missing") }
        if file.resources[grant.principal.id.key] == nil { problems.append("grant \(id): principal \(grant.principal.id.key) missing") }
        if id != "\(grant.entitlement.id):\(grant.principal.id.key)" { problems.append("grant \(id): id is not <entitlement>:<principal>") }
    }
    #expect(
        problems.isEmpty, "\(problems.count) dangling references, e.g. \(Array(problems.sorted().prefix(5)))",
        sourceLocation: sourceLocation)
}
