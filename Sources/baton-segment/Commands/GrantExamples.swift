import BatonKit
import BatonStore

/// A few grants from the written file, in words, so a person sees who can reach what:
/// one direct, one label-scoped, one held by a group and one inherited through a group.
enum GrantExamples {
    static func lines(file: String) -> [String] {
        guard let reader = try? C1ZReader(path: file) else { return [] }
        defer { reader.close() }
        let kinds: [(label: String, sql: String, accept: (Grant) -> Bool)] = [
            ("direct", "principal_resource_type_id = 'user' and resource_type_id in ('source','warehouse','function','space')",
             { $0.sources.sources.isEmpty }),
            ("label-scoped", "principal_resource_type_id = 'user' and entitlement_id like '%:member:labels:%'",
             { $0.sources.sources.isEmpty }),
            ("group-held", "principal_resource_type_id = 'group' and resource_type_id <> 'group'", { _ in true }),
            ("inherited", "principal_resource_type_id = 'user' and resource_type_id <> 'group'",
             { grant in !grant.sources.sources.isEmpty && grant.sources.sources[grant.entitlement.id] == nil }),
        ]
        var lines: [String] = []
        for kind in kinds {
            let ids = (try? reader.rawRows("select external_id from v1_grants where \(kind.sql) order by id limit 200")) ?? []
            for row in ids {
                guard let id = row.first ?? nil, let grant = try? reader.grant(id: id), kind.accept(grant) else { continue }
                lines.append("    \(kind.label.padding(toLength: 13, withPad: " ", startingAt: 0)) \(describe(grant, reader: reader))")
                break
            }
        }
        return lines
    }

    private static func describe(_ grant: Grant, reader: C1ZReader) -> String {
        let principal = (try? reader.resource(id: grant.principal.id))?.displayName ?? grant.principal.id.key
        let entitlement = (try? reader.entitlement(id: grant.entitlement.id))?.displayName ?? grant.entitlement.id
        var text = "\(principal) → \(entitlement)"
        if let via = grant.sources.sources.keys.sorted().first(where: { $0 != grant.entitlement.id }),
           let group = try? reader.entitlement(id: via) {
            text += " (through \(group.resource.displayName))"
        }
        return text
    }
}
