/// Pending invitations.
extension SegmentClient {
    /// `GET /invites` — one page of pending invite e-mails.
    public func listInvites(cursor: String?) async throws -> Page<String> {
        try await page("listInvites", "/invites", key: "invites", cursor: cursor)
    }

    /// Every pending invite e-mail.
    public func allInvites() -> PagedSequence<String> {
        sequence("listInvites") { try await self.listInvites(cursor: $0) }
    }

    /// `POST /invites` — invites people; returns the invited e-mails.
    ///
    /// Not repeated after it may have reached Segment (it could invite twice); retried only on 429.
    @discardableResult
    public func createInvites(_ invites: [InviteInput]) async throws -> [String] {
        try await object(
            .write(
                "createInvites", .post, "/invites", body: InvitesBody(invites: invites),
                safety: .onlyIfNotReceived), key: "emails")
    }

    /// `DELETE /invites?emails.0=…` — withdraws pending invites.
    public func deleteInvites(emails: [String]) async throws {
        try await status(.delete("deleteInvites", "/invites", query: RequestURL.indexed("emails", emails)))
    }
}

/// `{"invites": [...]}`.
struct InvitesBody: Encodable {
    var invites: [InviteInput]
}
