import BatonKit
import Foundation

/// Everything service mode needs, checked before any network call: the parsed credentials,
/// where ConductorOne is, whom to trust, who we are, and how tasks run.
public struct ServiceModeConfiguration: Sendable {
    public var credentials: ClientCredentials
    public var endpoint: ConductorOneEndpoint
    public var trustRoots: TrustRoots
    public var identity: HostIdentity
    public var taskConcurrency: Int
    /// nil = no health server.
    public var healthCheck: HealthCheckSettings?
    public var provisioning: Bool
    public var skipFullSync: Bool
    /// Where temporary c1z files and scratch databases go (nil = the OS temporary directory).
    public var temporaryDirectory: String?
    /// The base sync options; each sync_full task's flags are applied on top.
    public var syncOptions: SyncOptions
    /// Package name in the user agent and in Hello's build info.
    public var package: String
    public var version: String

    /// From the resolved command line; `environment` supplies `SSL_CERT_FILE` and `SSL_CERT_DIR`.
    public init(baton: BatonConfiguration, environment: [String: String], package: String, version: String) throws {
        guard case .service(let clientId, let clientSecret) = baton.action else {
            throw BatonError.internal("service mode needs --client-id and --client-secret")
        }
        credentials = try ClientCredentials(clientId: clientId, clientSecret: clientSecret)
        endpoint = try ConductorOneEndpoint(credentials: credentials, apiHostOverride: baton.service.apiHost)
        trustRoots = try TrustRoots(environment: environment)
        identity = HostIdentity(hostIdOverride: baton.service.hostId, package: package, version: version)
        taskConcurrency = baton.service.taskConcurrency
        healthCheck = baton.service.healthCheck
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
    public var userAgent: String { "\(credentials.clientName) baton-sdk/\(package)-\(version)" }
}
