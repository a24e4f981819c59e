/// The Segment plan the simulated workspace is on. `team` lacks groups, warehouses, spaces,
/// labels and the audit trail (400 "Your plan does not include ...") and has a smaller role
/// catalogue; `SimulatorConfiguration.planLacks` takes features away one by one.
package enum Plan: String, Sendable, Codable, CaseIterable {
    case business, team

    /// The features a workspace on this plan lacks.
    package var lackedFeatures: Set<PlanFeature> {
        switch self {
        case .business: []
        case .team: [.groups, .warehouses, .spaces, .labels, .auditTrail]
        }
    }
}
