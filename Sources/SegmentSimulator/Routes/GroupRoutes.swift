/// IAM Groups: CRUD, membership by e-mail, and group permissions.
extension WorkspaceState {
    enum MembershipChange { case add, remove, replace }

    private func existingGroup(_ id: String) throws(APIError) -> WorkspaceSnapshot.Group {
        guard let g = group(id) else { throw .notFound("User group \(id) not found") }
        return g
    }

    func listUserGroups(_ r: RouteRequest) throws(APIError) -> RouteResult {
        let page = try Pagination(query: r.query, total: groups.count)
        return .ok(page.page(groups, key: "userGroups") { WireFormat.group($0, withPermissions: r.listIncludesPermissions) })
    }

    func getUserGroup(_ r: RouteRequest) throws(APIError) -> RouteResult {
        .ok(.data([("userGroup", WireFormat.group(try existingGroup(r.id), withPermissions: true))]))
    }

    private static func requiredName(_ r: RouteRequest) throws(APIError) -> String {
        let body = try RequestBody.decode(NameBody.self, from: r.body)
        guard let name = body.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            throw .validation("\"name\" is required", field: "name")
        }
        return name
    }

    /// 200 (not 201), like the real API.
    mutating func createUserGroup(_ r: RouteRequest) throws(APIError) -> RouteResult {
        let name = try Self.requiredName(r)
        eventCounter += 1
        let group = WorkspaceSnapshot.Group(id: "simgrp\(String(eventCounter, radix: 36))\(String(groups.count, radix: 36))", name: name)
        appendGroup(group)
        record("User Group Created", resourceId: group.id, resourceType: "userGroup", resourceName: name, at: r.now)
        return .ok(.data([("userGroup", WireFormat.group(group, withPermissions: true))]))
    }

    mutating func updateUserGroup(_ r: RouteRequest) throws(APIError) -> RouteResult {
        _ = try existingGroup(r.id)
        let name = try Self.requiredName(r)
        updateGroup(r.id) { $0.name = name }
        record("User Group Updated", resourceId: r.id, resourceType: "userGroup", resourceName: name, at: r.now)
        return .ok(.data([("userGroup", WireFormat.group(try existingGroup(r.id), withPermissions: true))]))
    }

    mutating func deleteUserGroup(_ r: RouteRequest) throws(APIError) -> RouteResult {
        let g = try existingGroup(r.id)
        removeGroup(r.id)
        record("User Group Deleted", resourceId: r.id, resourceType: "userGroup", resourceName: g.name, at: r.now)
        return .ok(WireFormat.success)
    }

    /// Accepted users only (`MinimalUserV1`); pending members are on `/invites`.
    func listUsersFromUserGroup(_ r: RouteRequest) throws(APIError) -> RouteResult {
        let members = try existingGroup(r.id).members.compactMap { user($0) }
        return .ok(
            try Pagination(query: r.query, total: members.count).page(members, key: "users") { WireFormat.user($0, withPermissions: false) }
        )
    }

    func listInvitesFromUserGroup(_ r: RouteRequest) throws(APIError) -> RouteResult {
        let emails = try existingGroup(r.id).inviteMembers
        return .ok(try Pagination(query: r.query, total: emails.count).page(emails, key: "emails") { .string($0) })
    }

    /// Members are addressed by e-mail; each must belong to a user or a pending invite (else 422).
    /// add = POST /groups/{id}/users, remove = DELETE /group/{id}/users, replace = PUT /group/{id}/users.
    mutating func changeGroupMembers(_ r: RouteRequest, mode: MembershipChange) throws(APIError) -> RouteResult {
        let g = try existingGroup(r.id)
        let emails: [String]
        if mode == .remove {
            guard let list = r.query.indexedArray("emails"), !list.isEmpty else {
                throw .validation("\"emails\" is required (emails.0=..., emails.1=...)", field: "emails")
            }
            emails = list
        } else {
            guard let list = try RequestBody.decode(EmailsBody.self, from: r.body).emails else {
                throw .validation("\"emails\" is required", field: "emails")
            }
            if mode == .add && list.isEmpty { throw .validation("\"emails\" must list at least one e-mail", field: "emails") }
            emails = list
        }
        var userIds: [String] = []
        var inviteEmails: [String] = []
        for (n, email) in emails.enumerated() {
            if let id = userId(email: email) {
                if !userIds.contains(id) { userIds.append(id) }
            } else if isInvited(email) {
                if !inviteEmails.contains(email.lowercased()) { inviteEmails.append(email.lowercased()) }
            } else {
                throw .validation("\(email) is not a member of or invited to the workspace", field: "emails.\(n)")
            }
        }
        let stored = { (email: String) in self.invites.first { $0.email.lowercased() == email }?.email ?? email }
        let pending = inviteEmails.map(stored)
        updateGroup(r.id) { group in
            switch mode {
            case .add:
                group.members += userIds.filter { !group.members.contains($0) }
                group.inviteMembers += pending.filter { !group.inviteMembers.contains($0) }
            case .remove:
                group.members.removeAll { userIds.contains($0) }
                group.inviteMembers.removeAll { inviteEmails.contains($0.lowercased()) }
            case .replace:
                group.members = userIds
                group.inviteMembers = pending
            }
        }
        let type =
            switch mode {
            case .add: "User Added To User Group"
            case .remove: "User Removed From User Group"
            case .replace: "Subjects Added to Group"
            }
        record(type, resourceId: r.id, resourceType: "userGroup", resourceName: g.name, at: r.now)
        if mode == .remove { return .ok(WireFormat.success) }
        return .ok(.data([("userGroup", WireFormat.group(try existingGroup(r.id), withPermissions: true))]))
    }

    mutating func addPermissionsToGroup(_ r: RouteRequest, replace: Bool) throws(APIError) -> RouteResult {
        let g = try existingGroup(r.id)
        let body = try RequestBody.decode(PermissionsBody.self, from: r.body)
        let permissions = try validatedPermissions(body.permissions, lacking: r.lacking)
        let updated = replace ? permissions : Self.merged(g.permissions, adding: permissions)
        updateGroup(r.id) { $0.permissions = updated }
        record(
            replace ? "Policy Deleted" : "User Group Policy Updated", resourceId: r.id, resourceType: "userGroup", resourceName: g.name,
            at: r.now)
        return .ok(.data([("permissions", WireFormat.permissions(replace ? updated : permissions))]))
    }
}
