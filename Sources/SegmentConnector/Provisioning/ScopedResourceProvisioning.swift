import BatonKit

/// `<kind>:<id>:<role slug>`: a role on one source, warehouse, function or space, for users and
/// groups; the slug is resolved to a role id against a fresh `GET /roles`.
extension ScopedResourceSyncer: SegmentGrantProvisioning {}
