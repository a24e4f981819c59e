import SegmentSimulator

/// The requests one sync must make, per Segment operation, computed from the snapshot:
/// one page per `pageSize` items (at least one) for every collection, all five function kinds,
/// group members page by page, and a `GET` per user and per group only when lists lack permissions.
enum ExpectedRequests {
    static let functionKinds = ["SOURCE", "DESTINATION", "INSERT_SOURCE", "INSERT_DESTINATION", "INSERT_TRANSFORMATION"]

    static func pages(_ count: Int, _ pageSize: Int) -> Int { max(1, (count + pageSize - 1) / pageSize) }

    static func perSync(_ snapshot: WorkspaceSnapshot, pageSize: Int, listIncludesPermissions: Bool, plan: Plan = .business) -> [String:
        Int]
    {
        var expected: [String: Int] = [
            "getWorkspace": 1,
            "listUsers": pages(snapshot.users.count, pageSize),
            "listInvites": pages(snapshot.invites.count, pageSize),
            "listRoles": pages(snapshot.roles.count, pageSize),
            "listSources": pages(snapshot.sources.count, pageSize),
            "listFunctions": functionKinds.map { kind in pages(snapshot.functions.filter { $0.resourceType == kind }.count, pageSize) }
                .reduce(0, +),
        ]
        if !listIncludesPermissions { expected["getUser"] = snapshot.users.count }
        switch plan {
        case .team:
            // One refused request each for the features the plan lacks, then nothing more.
            expected["listUserGroups"] = 1
            expected["listWarehouses"] = 1
            expected["listSpaces"] = 1
        case .business:
            expected["listUserGroups"] = pages(snapshot.groups.count, pageSize)
            expected["listWarehouses"] = pages(snapshot.warehouses.count, pageSize)
            expected["listSpaces"] = pages(snapshot.spaces.count, pageSize)
            let users = Set(snapshot.users.map(\.id))
            if !snapshot.groups.isEmpty {
                expected["listUsersFromUserGroup"] = snapshot.groups.map { pages($0.members.filter(users.contains).count, pageSize) }
                    .reduce(0, +)
                expected["listInvitesFromUserGroup"] = snapshot.groups.map { pages($0.inviteMembers.count, pageSize) }.reduce(0, +)
                if !listIncludesPermissions { expected["getUserGroup"] = snapshot.groups.count }
            }
        }
        return expected.filter { $0.value > 0 }
    }

    /// `actual` minus zero entries, so it compares with `perSync` directly.
    static func observed(_ stats: SimulatorStats) -> [String: Int] {
        stats.requests.filter { $0.value > 0 }
    }

    /// One line per operation whose count differs, for a failure message.
    static func differences(expected: [String: Int], actual: [String: Int]) -> String {
        Set(expected.keys).union(actual.keys).sorted().compactMap { op in
            let e = expected[op] ?? 0, a = actual[op] ?? 0
            return e == a ? nil : "\(op): expected \(e), got \(a)"
        }.joined(separator: "; ")
    }
}
