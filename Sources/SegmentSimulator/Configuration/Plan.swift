/// The Segment plan the simulated workspace is on. `team` gates groups, warehouses, spaces,
/// labels and the audit trail (400 "Your plan does not include ...") and shrinks the role catalogue.
package enum Plan: String, Sendable, Codable, CaseIterable {
    case business, team
}
