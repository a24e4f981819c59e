import Foundation
import Hummingbird

/// Answers every request: admin routes under `/__simulator/`, everything else as the Segment API
/// (route → count → auth → rate limit → fault → latency → handler).
struct SimulatorResponder: HTTPResponder {
    typealias Context = SimulatorRequestContext

    let engine: SimulatorEngine
    let configuration: SimulatorConfiguration

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix(AdminRoutes.prefix) {
            var request = request
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            return await AdminRoutes.respond(method: request.method.rawValue, path: path, body: Array(buffer: body), engine: engine)
        }
        guard let route = Route.match(method: request.method.rawValue, path: path) else {
            await delay()
            return HTTPAnswer.error(.notFound("No route for \(request.method.rawValue) \(path)"))
        }
        let authorized = Self.isAuthorized(request.headers[.authorization], token: configuration.token)
        let admission = await engine.admit(route.operation, authorized: authorized, now: Date().timeIntervalSince1970)
        await delay()
        let decision: RateLimiter.Decision
        switch admission {
        case .unauthorized:
            return HTTPAnswer.error(.unauthorized)
        case .throttled(let d):
            return HTTPAnswer.throttled(d)
        case .fault(let fault, let d):
            switch fault {
            case .http500: return HTTPAnswer.serverFault(500)
            case .http503: return HTTPAnswer.serverFault(503)
            case .malformed: return HTTPAnswer.malformed(headers: HTTPAnswer.rateHeaders(d))
            case .reset:
                await context.closeConnection()
                throw CancellationError()
            case .timeout:
                try? await Task.sleep(for: .seconds(configuration.timeoutFaultSeconds))
            }
            decision = d
        case .proceed(let d):
            decision = d
        }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let result = await engine.execute(
            RouteRequest(
                route: route, query: QueryParameters(raw: request.uri.query), body: Array(buffer: body),
                lacking: configuration.lackedFeatures, listIncludesPermissions: configuration.listIncludesPermissions,
                now: Int(Date().timeIntervalSince1970)))
        return HTTPAnswer.json(result.status, result.json, headers: HTTPAnswer.rateHeaders(decision))
    }

    /// `Bearer <token>`; the scheme is case-insensitive (RFC 7235), the token exact.
    static func isAuthorized(_ header: String?, token: String) -> Bool {
        guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return false }
        return header.dropFirst(7) == token[...]
    }

    private func delay() async {
        guard configuration.latencyMs > 0 else { return }
        try? await Task.sleep(for: .milliseconds(configuration.latencyMs))
    }
}
