/// A feature a Segment workspace may lack (by plan or because it was never enabled). An
/// operation needing a lacked feature answers 400 "Your plan does not include <name>".
package enum PlanFeature: String, Sendable, Codable, CaseIterable {
    case groups, warehouses, spaces, labels, functions
    case auditTrail = "audit-trail"

    /// The feature's name in Segment's error text.
    package var displayName: String {
        switch self {
        case .groups: "User Groups"
        case .warehouses: "Warehouses"
        case .spaces: "Spaces"
        case .labels: "Labels"
        case .functions: "Functions"
        case .auditTrail: "Audit Trail"
        }
    }

    /// Parses a comma-separated list such as `groups,warehouses,audit-trail`.
    package static func list(_ text: String) throws(UnknownPlanFeature) -> Set<PlanFeature> {
        var features: Set<PlanFeature> = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let feature = PlanFeature(rawValue: name) else { throw UnknownPlanFeature(name: name) }
            features.insert(feature)
        }
        return features
    }
}

/// A feature name `PlanFeature.list` does not know.
package struct UnknownPlanFeature: Error, CustomStringConvertible {
    package let name: String
    package var description: String {
        "unknown feature \"\(name)\" (known: \(PlanFeature.allCases.map(\.rawValue).joined(separator: ", ")))"
    }
}
