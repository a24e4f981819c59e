import GRPCCore

/// Puts `authorization: Bearer <access token>` and our user agent on every call to ConductorOne.
struct AuthorizationInterceptor: ClientInterceptor {
    let tokens: AccessTokenSource
    let userAgent: String

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingClientRequest<Input>,
        context: ClientContext,
        next: (StreamingClientRequest<Input>, ClientContext) async throws -> StreamingClientResponse<Output>
    ) async throws -> StreamingClientResponse<Output> {
        var request = request
        let token = try await tokens.token()
        request.metadata.replaceOrAddString("Bearer \(token)", forKey: "authorization")
        request.metadata.replaceOrAddString(userAgent, forKey: "user-agent")
        return try await next(request, context)
    }
}
