import SegmentAPI

/// Who holds what, gathered while users and groups are listed, so that role entitlements
/// (which depend on the label sets in use) and grants are built without a second request.
///
/// Lives in the sync's session cache; one per sync.
actor PermissionIndex {
    /// A principal's direct permissions, exploded into tuples.
    private var tuplesByPrincipal: [PrincipalKey: [PermissionTuple]] = [:]
    /// Label sets in use per role id (label-scoped workspace permissions).
    private var labelSetsByRole: [String: Set<LabelSet>] = [:]
    /// Role ids seen on each scoped resource (`SOURCE/<id>` ...).
    private var rolesByResource: [String: Set<String>] = [:]
    /// Scoped resources that exist, and pending invite e-mails, so no grant points at nothing.
    private var knownResources: Set<String> = []
    private var knownInvites: Set<String> = []
    private var knownUsers: Set<String> = []
    /// One copy of each role and resource id: every user's tuples name the same few thousand
    /// ids, and interned they share one string buffer instead of each holding its own (the index
    /// lives for the whole listing and is the largest thing the connector keeps).
    private var internedIds: Set<String> = []

    struct PrincipalKey: Hashable, Sendable {
        var type: String
        var id: String
    }

    func record(principalType: String, id: String, permissions: [Permission]) {
        let tuples = PermissionTuple.tuples(from: permissions).map(interned)
        tuplesByPrincipal[PrincipalKey(type: principalType, id: id)] = tuples
        for tuple in tuples {
            if tuple.resourceType == .workspace {
                if !tuple.labels.isEmpty { labelSetsByRole[tuple.roleId, default: []].insert(LabelSet(tuple.labels)) }
            } else {
                rolesByResource[Self.resourceKey(tuple.resourceType.rawValue, tuple.resourceId), default: []].insert(tuple.roleId)
            }
        }
    }

    private func interned(_ tuple: PermissionTuple) -> PermissionTuple {
        var tuple = tuple
        tuple.roleId = intern(tuple.roleId)
        tuple.resourceId = intern(tuple.resourceId)
        return tuple
    }

    private func intern(_ id: String) -> String {
        if let existing = internedIds.firstIndex(of: id) { return internedIds[existing] }
        internedIds.insert(id)
        return id
    }

    func tuples(principalType: String, id: String) -> [PermissionTuple]? {
        tuplesByPrincipal[PrincipalKey(type: principalType, id: id)]
    }

    func labelSets(roleId: String) -> [LabelSet] {
        (labelSetsByRole[roleId] ?? []).sorted { $0.slug < $1.slug }
    }

    func roleIds(onResource segmentType: String, id: String) -> Set<String> {
        rolesByResource[Self.resourceKey(segmentType, id)] ?? []
    }

    func noteResource(segmentType: String, id: String) { knownResources.insert(Self.resourceKey(segmentType, id)) }
    func noteInvite(_ email: String) { knownInvites.insert(email) }
    func noteUser(_ id: String) { knownUsers.insert(id) }

    func resourceExists(segmentType: String, id: String) -> Bool {
        knownResources.contains(Self.resourceKey(segmentType, id))
    }
    func inviteExists(_ email: String) -> Bool { knownInvites.contains(email) }
    func userExists(_ id: String) -> Bool { knownUsers.contains(id) }

    private static func resourceKey(_ type: String, _ id: String) -> String { "\(type)/\(id)" }
}
