import BatonKit
import BatonStore

/// A few grants from the written file, in words, so a person sees who can reach what:
/// one direct, one label-scoped, one held by a group and one inherited through a group.
enum GrantExamples {
    static func lines(file: String) -> [String] {
        guard let reader = try? C1ZReader(path: file) else { return [] }
        defer { reader.close() }
        let scoped = ["source", "warehouse", "function", "space"]
        let kinds: [(label: String, query: GrantQuery, accept: (Grant) -> Bool)] = [
            ("direct", GrantQuery(principalType: "user", resourceTypes: scoped, limit: 200), { $0.sources.sources.isEmpty }),
            (
                "label-scoped", GrantQuery(principalType: "user", entitlementIdContains: ":member:labels:", limit: 200),
                { $0.sources.sources.isEmpty }
            ),
            ("group-held", GrantQuery(principalType: "group", excludedResourceTypes: ["group"], limit: 1), { _ in true }),
            (
                "inherited", GrantQuery(principalType: "user", excludedResourceTypes: ["group"], limit: 200),
                { grant in !grant.sources.sources.isEmpty && grant.sources.sources[grant.entitlement.id] == nil }
            ),
        ]
        var lines: [String] = []
        for kind in kinds {
            guard let grant = (try? reader.grants(matching: kind.query))?.first(where: kind.accept) else { continue }
            lines.append("    \(kind.label.padding(toLength: 13, withPad: " ", startingAt: 0)) \(describe(grant, reader: reader))")
        }
        return lines
    }

    private static func describe(_ grant: Grant, reader: C1ZReader) -> String {
        let principal = (try? reader.resource(id: grant.principal.id))?.displayName ?? grant.principal.id.key
        let entitlement = (try? reader.entitlement(id: grant.entitlement.id))?.displayName ?? grant.entitlement.id
        var text = "\(principal) → \(entitlement)"
        if let via = grant.sources.sources.keys.sorted().first(where: { $0 != grant.entitlement.id }),
            let group = try? reader.entitlement(id: via)
        {
            text += " (through \(group.resource.displayName))"
        }
        return text
    }
}
