import AsyncHTTPClient
import BatonKit

/// The `health-check` subcommand's client: asks a running service's health server one endpoint,
/// so an image can use exec probes without curl.
public enum HealthProbe {
    /// `/health` (the app's credentials work), `/ready` (ConductorOne accepted our Hello), `/live` (the process answers).
    public enum Endpoint: String, Sendable, CaseIterable {
        case health, ready, live
    }

    /// Returns normally when the endpoint answers 200; throws a one-line error otherwise.
    public static func check(_ endpoint: Endpoint, settings: HealthCheckSettings, timeout: Duration) async throws {
        let host =
            settings.bindAddress == "0.0.0.0" || settings.bindAddress.isEmpty
            ? "127.0.0.1"
            : (settings.bindAddress == "::" ? "::1" : settings.bindAddress)
        let authority = host.contains(":") ? "[\(host)]" : host
        let url = "http://\(authority):\(settings.port)/\(endpoint.rawValue)"
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let status: UInt?
        do {
            let request = HTTPClientRequest(url: url)
            let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
            let response = try await client.execute(request, timeout: .milliseconds(max(milliseconds, 1)))
            status = response.status.code
        } catch {
            status = nil
        }
        try? await client.shutdown()
        guard let status else {
            throw BatonError(.unavailable, "\(endpoint.rawValue) check failed: no answer from \(url)")
        }
        guard status == 200 else {
            throw BatonError(.unavailable, "\(endpoint.rawValue) check failed: \(url) answered HTTP \(status)")
        }
    }
}
