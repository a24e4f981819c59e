/// Which Segment roles apply to which kind of resource.
///
/// Segment's `/roles` says nothing about scope, so the table is ours, keyed by role name. A role
/// the table does not know is placed by the words in its name, and applies to every kind when none
/// matches: a grant is never dropped for want of an entitlement to hang it on.
package enum RoleScopes {
    /// Roles that only make sense workspace-wide: no per-resource entitlement.
    static let workspaceOnly: Set<String> = [
        "workspace owner", "workspace member", "minimal workspace access",
        "billing admin", "tracking plan admin", "tracking plan read-only",
        "privacy admin", "privacy read-only",
    ]

    static let byName: [String: Set<ScopedResourceKind>] = [
        "source admin": [.source],
        "source read-only": [.source],
        "source read only": [.source],
        "warehouse admin": [.warehouse],
        "warehouse read-only": [.warehouse],
        "warehouse read only": [.warehouse],
        "function admin": [.function],
        "functions admin": [.function],
        "function read-only": [.function],
        "function read only": [.function],
        "unify read-only": [.space],
        "unify and engage admin": [.space],
        "unify admin": [.space],
        "engage admin": [.space],
        "engage user": [.space],
        "engage read-only": [.space],
        "unify and engage read-only": [.space],
    ]

    /// The kinds of resource a role's entitlements appear on.
    package static func kinds(forRoleNamed name: String) -> Set<ScopedResourceKind> {
        let key = name.lowercased().trimmingCharacters(in: .whitespaces)
        if workspaceOnly.contains(key) { return [] }
        if let known = byName[key] { return known }
        // Unknown role: guess from its words, else the safe answer (every kind).
        var guessed: Set<ScopedResourceKind> = []
        if key.contains("source") { guessed.insert(.source) }
        if key.contains("warehouse") { guessed.insert(.warehouse) }
        if key.contains("function") { guessed.insert(.function) }
        if key.contains("engage") || key.contains("unify") || key.contains("space") { guessed.insert(.space) }
        return guessed.isEmpty ? Set(ScopedResourceKind.allCases) : guessed
    }

    /// The entitlement slug ConductorOne's Go connector gives a role, so ids survive a switch of
    /// connector: lower-cased, spaces and hyphens to `_`, anything else outside `[a-z0-9_]` dropped
    /// ("Source Read-only" → `source_read_only`). Falls back to the role id when nothing is left.
    package static func slug(forRoleNamed name: String, roleId: String) -> String {
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            switch scalar {
            case " ", "-", "_": out.append("_")
            case "a"..."z", "0"..."9": out.unicodeScalars.append(scalar)
            default: continue
            }
        }
        return out.isEmpty ? roleId : out
    }
}
