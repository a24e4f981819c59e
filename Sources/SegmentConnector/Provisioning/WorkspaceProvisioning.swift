import BatonKit

/// `workspace:<id>:member`: a present user already holds it (granting is GrantAlreadyExists;
/// new members come by invitation); revoking it removes the user from the workspace.
extension WorkspaceSyncer: SegmentGrantProvisioning {}
