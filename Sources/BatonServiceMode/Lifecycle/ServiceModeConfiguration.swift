import BatonKit
import Foundation

/// Everything service mode needs, checked before any network call: the parsed credentials,
/// where ConductorOne is, whom to trust, who we are, and how tasks run.
public struct ServiceModeConfiguration: Sendable {
    package var credentials: ClientCredentials
    package var endpoint: ConductorOneEndpoint
    package var trustRoots: TrustRoots
    package var identity: HostIdentity
    package var taskConcurrency: Int
    /// nil = no health server.
    package var healthCheck: HealthCheckSettings?
    package var provisioning: Bool
    package var skipFullSync: Bool
    /// Where temporary c1z files and scratch databases go (nil = the OS temporary directory).
    package var temporaryDirectory: String?
    /// The base sync options; each sync_full task's flags are applied on top.
    package var syncOptions: SyncOptions
    /// Package name in the user agent and in Hello's build info.
    package var package: String
    package var version: String

    /// From the resolved command line; `environment` supplies `SSL_CERT_FILE` and `SSL_CERT_DIR`.
    package init(baton: BatonConfiguration, environment: [String: String], package: String, version: String) throws {
        guard case .service(let clientId, let clientSecret) = baton.action else {
            throw BatonError.internal("service mode needs --client-id and --client-secret")
        }
        credentials = try ClientCredentials(clientId: clientId, clientSecret: clientSecret)
        endpoint = try ConductorOneEndpoint(credentials: credentials, apiHostOverride: baton.service.apiHost)
        trustRoots = try TrustRoots(environment: environment)
        identity = HostIdentity(hostIdOverride: baton.service.hostId, package: package, version: version)
        taskConcurrency = baton.service.taskConcurrency
        healthCheck =
            baton.service.healthCheck
            ? HealthCheckSettings(bindAddress: baton.service.healthCheckBindAddress, port: baton.service.healthCheckPort) : nil
        provisioning = baton.provisioning
        skipFullSync = baton.skipFullSync
        temporaryDirectory = baton.c1zTempDir
        syncOptions = baton.syncOptions
        syncOptions.connectorIdentity = "\(package) \(version)"
        self.package = package
        self.version = version
    }

    /// `<client name> baton-sdk/<version>`: what the Go SDK sends, with our package for clarity.
    package var userAgent: String { "\(credentials.clientName) baton-sdk/\(package)-\(version)" }
}
