/// What a run of ``BatonRunner`` did, for the executable to report.
package enum BatonOutcome: Sendable {
    case synced(SyncSummary, file: String)
    case granted(GrantResult)
    case revoked(annotations: [Annotation])
    case accountCreated(CreateAccountResponse)
    case resourceDeleted(annotations: [Annotation])
    /// `--dry-run`: what would have been done.
    case dryRun(String)
    /// `--event-feed`: the events read, oldest first, and the cursor to resume after them.
    case events(EventFeedOutput)

    /// One human-readable line (a dry run's plan adds one indented line per API call).
    package var line: String {
        switch self {
        case .synced(let summary, let file): "\(summary.line) written to \(file)"
        case .granted(let result):
            result.annotations.contains(C1_Connector_V2_GrantAlreadyExists.self)
                ? "grant already existed" : "granted: \(result.grants.map(\.id).joined(separator: ", "))"
        case .revoked(let annotations):
            annotations.contains(C1_Connector_V2_GrantAlreadyRevoked.self) ? "grant was already revoked" : "revoked"
        case .accountCreated(let response):
            switch response.result {
            case .success(let success)?: "account created: \(success.resource.id.key)"
            case .actionRequired(let action)?: "account needs action: \(action.message)"
            case .alreadyExists(let existing)?: "account already exists: \(existing.resource.id.key)"
            case .inProgress(let progress)?: "account creation in progress: \(progress.resource.id.key)"
            case nil: "account created"
            }
        case .resourceDeleted(let annotations):
            annotations.contains(C1_Connector_V2_ResourceDoesNotExist.self) ? "resource did not exist" : "resource deleted"
        case .dryRun(let plan): "dry run: \(plan)"
        case .events(let output): output.text
        }
    }
}
