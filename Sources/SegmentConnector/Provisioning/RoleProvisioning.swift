import BatonKit

/// `role:<id>:member` (the role on the WORKSPACE resource) and `role:<id>:member:labels:…`
/// (the same, scoped by labels), for users and groups.
extension RoleSyncer: SegmentGrantProvisioning {}
