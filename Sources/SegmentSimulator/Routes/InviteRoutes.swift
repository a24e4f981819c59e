/// Invites: pending users known only by e-mail.
extension WorkspaceState {
    func listInvites(_ r: RouteRequest) throws(APIError) -> RouteResult {
        .ok(try Pagination(query: r.query, total: invites.count).page(invites, key: "invites") { .string($0.email) })
    }

    /// 201 with the invited e-mails. Rejects malformed e-mails, members and existing invites.
    mutating func createInvites(_ r: RouteRequest) throws(APIError) -> RouteResult {
        let body = try RequestBody.decode(InvitesBody.self, from: r.body)
        guard let inputs = body.invites, !inputs.isEmpty else {
            throw .validation("\"invites\" must list at least one invite", field: "invites")
        }
        var created: [WorkspaceSnapshot.Invite] = []
        for (n, input) in inputs.enumerated() {
            let field = "invites.\(n).email"
            guard let email = input.email, Self.looksLikeEmail(email) else {
                throw .validation("\"\(input.email ?? "")\" is not a valid e-mail address", field: field)
            }
            if userId(email: email) != nil { throw .validation("\(email) is already a member of the workspace", field: field) }
            if isInvited(email) || created.contains(where: { $0.email.lowercased() == email.lowercased() }) {
                throw .validation("\(email) has already been invited", field: field)
            }
            let permissions =
                try input.permissions.map { ps throws(APIError) in try validatedPermissions(ps, lacking: r.lacking, invite: true) } ?? []
            created.append(.init(email: email, permissions: permissions))
        }
        for invite in created {
            appendInvite(invite)
            record("User Invite Sent", resourceId: invite.email, resourceType: "invite", resourceName: invite.email, at: r.now)
        }
        return RouteResult(status: 201, json: .data([("emails", .strings(created.map(\.email)))]))
    }

    mutating func deleteInvites(_ r: RouteRequest) throws(APIError) -> RouteResult {
        guard let emails = r.query.indexedArray("emails"), !emails.isEmpty else {
            throw .validation("\"emails\" is required (emails.0=..., emails.1=...)", field: "emails")
        }
        for email in emails where !isInvited(email) { throw .notFound("No pending invite for \(email)") }
        for email in emails { record("Invite Deleted", resourceId: email, resourceType: "invite", resourceName: email, at: r.now) }
        removeInvites(Set(emails.map { $0.lowercased() }))
        return .ok(WireFormat.success)
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }
}
