import Foundation
import Logging

/// What a Baton command was asked to do, after flags, env and the config file were merged and checked.
package struct BatonConfiguration: Sendable {
    /// The one thing this run does (in this order: service mode, then one-shots, then sync).
    package enum Action: Sendable, Equatable {
        case sync
        case service(clientId: String, clientSecret: Secret)
        case grant(entitlementId: String, principalType: String, principalId: String)
        case revoke(grantId: String)
        /// `profileJSON` is the validated `--create-account-profile` JSON object text, if any.
        case createAccount(login: String?, email: String?, profileJSON: String?, resourceType: String?)
        case deleteResource(resourceType: String, resourceId: String)
        /// `--event-feed`: print events after `cursor` (or from `startAt`) to stdout.
        case eventFeed(feedId: String?, startAt: Date?, cursor: String?)
    }

    package var file: String = "sync.c1z"
    package var logLevel: Logger.Level = .info
    package var logFormat: BatonLogFormat = .json
    package var logPath: String?
    /// True with `--provisioning` or implicitly for a one-shot provisioning action (as the Go SDK does).
    package var provisioning = false
    package var skipFullSync = false
    /// Service mode settings (ignored by one-shot runs).
    package var service = ServiceSettings()
    package var syncResourceTypes: [String] = []
    package var skipEntitlementsAndGrants = false
    /// `--sync-resources`: a targeted (partial) sync of just these.
    package var syncResources: [BatonResourceID] = []
    package var skipGrants = false
    package var c1zTempDir: String?
    /// Wait for another sync's lock on `file` instead of failing at once.
    package var waitForLock = false
    /// Finished full syncs `file` keeps after a sync (`--keep-sync-count`, `BATON_KEEP_SYNC_COUNT`).
    package var keepSyncCount = 2
    /// Keep every earlier sync in `file` (`--skip-cleanup`, `BATON_SKIP_CLEANUP`).
    package var skipCleanup = false
    /// `--no-resume` and `--resume-max-age`.
    package var resume = ResumePolicy()
    package var dryRun = false
    package var action: Action = .sync

    package init() {}

    /// The sync options these settings ask for.
    package var syncOptions: SyncOptions {
        var options = SyncOptions()
        options.syncResourceTypes = syncResourceTypes
        options.skipEntitlementsAndGrants = skipEntitlementsAndGrants
        options.targetedResources = syncResources
        options.skipGrants = skipGrants
        options.resume = resume
        return options
    }
}

/// How service mode runs: the flags `--task-concurrency` and `--health-check*`, and the
/// environment's `BATON_C1_API_HOST` and `BATON_HOST_ID`.
package struct ServiceSettings: Sendable, Equatable {
    package var taskConcurrency = 3
    package var healthCheck = false
    package var healthCheckPort = 8081
    package var healthCheckBindAddress = "127.0.0.1"
    /// Host or host:port that replaces the client id's host for the token and the gRPC channel.
    package var apiHost: String?
    /// The host id ConductorOne knows this process by (default: the hostname).
    package var hostId: String?
    package init() {}
}

extension BatonOptions {
    /// Merges flags with `BATON_*` env and the config file (flag > env > file) and checks the
    /// constraints of the standard Baton flags. Errors are ``BatonError``s with one-line messages.
    package func resolve(_ source: ConfigSource, stdoutIsTerminal: Bool = isatty(1) == 1) throws -> BatonConfiguration {
        var config = BatonConfiguration()
        config.file = source.string(file, "file") ?? "sync.c1z"
        if config.file.isEmpty { throw BatonError.invalidArgument("--file must not be empty") }

        let level = source.string(logLevel, "log-level") ?? "info"
        guard let parsedLevel = BatonLogFormat.level(named: level) else {
            throw BatonError.invalidArgument("invalid --log-level \"\(level)\": expected debug, info, warn or error")
        }
        config.logLevel = parsedLevel
        let format = source.string(logFormat, "log-format") ?? (stdoutIsTerminal ? "console" : "json")
        guard let parsedFormat = BatonLogFormat(rawValue: format) else {
            throw BatonError.invalidArgument("invalid --log-format \"\(format)\": expected json or console")
        }
        config.logFormat = parsedFormat
        config.logPath = source.string(logPath, "log-path")

        config.provisioning = try source.bool(provisioning, "provisioning")
        config.skipFullSync = try source.bool(skipFullSync, "skip-full-sync")
        config.service = try resolveServiceSettings(source)
        config.syncResourceTypes = source.list(syncResourceTypes, "sync-resource-types")
        config.skipEntitlementsAndGrants = try source.bool(skipEntitlementsAndGrants, "skip-entitlements-and-grants")
        config.syncResources = try source.list(syncResources, "sync-resources").map(BatonResourceID.init(parsing:))
        config.skipGrants = try source.bool(skipGrants, "skip-grants")
        config.dryRun = try source.bool(dryRun, "dry-run")
        config.waitForLock = try source.bool(waitForLock, "wait-for-lock")
        config.keepSyncCount = try source.int(keepSyncCount, "keep-sync-count") ?? 2
        guard config.keepSyncCount >= 1 else {
            throw BatonError.invalidArgument("invalid --keep-sync-count \(config.keepSyncCount): expected at least 1")
        }
        config.skipCleanup = try source.bool(skipCleanup, "skip-cleanup")
        config.resume.enabled = !(try source.bool(noResume, "no-resume"))
        if let text = source.string(resumeMaxAge, "resume-max-age") {
            guard let age = GoDuration.parse(text), age > .zero else {
                throw BatonError.invalidArgument(
                    "invalid --resume-max-age \"\(text.prefix(100))\": expected a duration such as 24h, 90m or 3600s")
            }
            config.resume.maxAge = age
        }

        if let dir = source.string(c1zTempDir, "c1z-temp-dir") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw BatonError.invalidArgument("--c1z-temp-dir does not exist: \(dir)")
            }
            config.c1zTempDir = dir
        }

        config.action = try resolveAction(source)
        switch config.action {
        case .sync, .service, .eventFeed: break
        default: config.provisioning = true  // one-shot provisioning flags enable it implicitly, as in the Go SDK
        }
        return config
    }

    private func resolveServiceSettings(_ source: ConfigSource) throws -> ServiceSettings {
        var settings = ServiceSettings()
        settings.taskConcurrency = try source.int(taskConcurrency, "task-concurrency") ?? 3
        guard (1...100).contains(settings.taskConcurrency) else {
            throw BatonError.invalidArgument("invalid --task-concurrency \(settings.taskConcurrency): expected 1 to 100")
        }
        settings.healthCheck = try source.bool(healthCheck, "health-check")
        settings.healthCheckPort = try source.int(healthCheckPort, "health-check-port") ?? 8081
        guard (1...65535).contains(settings.healthCheckPort) else {
            throw BatonError.invalidArgument("invalid --health-check-port \(settings.healthCheckPort): expected 1 to 65535")
        }
        settings.healthCheckBindAddress = source.string(healthCheckBindAddress, "health-check-bind-address") ?? "127.0.0.1"
        // Environment-only in the SDK (no flag): where ConductorOne is, and who this host is.
        settings.apiHost = source.string(nil, "c1-api-host")
        settings.hostId = source.string(nil, "host-id")
        return settings
    }

    private func resolveAction(_ source: ConfigSource) throws -> BatonConfiguration.Action {
        let clientId = source.string(self.clientId, "client-id")
        let clientSecret = source.string(self.clientSecret, "client-secret")
        if let clientSecret, SecretText.hasForbiddenCharacters(clientSecret) {
            // Never echoed: it is the secret.
            throw BatonError.invalidArgument(
                "the client secret (--client-secret / BATON_CLIENT_SECRET) contains whitespace or a control character")
        }
        switch (clientId, clientSecret) {
        case (.some, nil): throw BatonError.invalidArgument("--client-id requires --client-secret")
        case (nil, .some): throw BatonError.invalidArgument("--client-secret requires --client-id")
        default: break
        }

        let grantEntitlement = source.string(self.grantEntitlement, "grant-entitlement")
        let grantPrincipal = source.string(self.grantPrincipal, "grant-principal")
        let grantPrincipalType = source.string(self.grantPrincipalType, "grant-principal-type")
        let revokeGrant = source.string(self.revokeGrant, "revoke-grant")
        let accountEmail = source.string(createAccountEmail, "create-account-email")
        let accountLogin = source.string(createAccountLogin, "create-account-login")
        let accountProfile = source.string(createAccountProfile, "create-account-profile")
        let accountType = source.string(createAccountResourceType, "create-account-resource-type")
        let deleteResource = source.string(self.deleteResource, "delete-resource")
        let deleteResourceType = source.string(self.deleteResourceType, "delete-resource-type")
        let eventFeed = try source.bool(self.eventFeed, "event-feed")

        let chosen = [
            grantEntitlement.map { _ in "--grant-entitlement" },
            revokeGrant.map { _ in "--revoke-grant" },
            (accountLogin ?? accountEmail ?? accountProfile).map { _ in "--create-account-login" },
            deleteResource.map { _ in "--delete-resource" },
            eventFeed ? "--event-feed" : nil,
        ].compactMap { $0 }
        if chosen.count > 1 {
            throw BatonError.invalidArgument("\(chosen.joined(separator: " and ")) cannot be used together")
        }
        if grantEntitlement == nil, grantPrincipal != nil || grantPrincipalType != nil {
            throw BatonError.invalidArgument("--grant-principal and --grant-principal-type require --grant-entitlement")
        }
        if deleteResource == nil, deleteResourceType != nil {
            throw BatonError.invalidArgument("--delete-resource-type requires --delete-resource")
        }

        if let clientId, let clientSecret { return .service(clientId: clientId, clientSecret: Secret(clientSecret)) }
        if let grantEntitlement {
            guard let grantPrincipal, let grantPrincipalType else {
                throw BatonError.invalidArgument("--grant-entitlement requires --grant-principal and --grant-principal-type")
            }
            return .grant(entitlementId: grantEntitlement, principalType: grantPrincipalType, principalId: grantPrincipal)
        }
        if let revokeGrant { return .revoke(grantId: revokeGrant) }
        if eventFeed { return try resolveEventFeed(source) }
        if accountLogin != nil || accountEmail != nil || accountProfile != nil {
            if let accountProfile {
                let data = Data(accountProfile.utf8)
                guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
                    throw BatonError.invalidArgument("--create-account-profile must be a JSON object")
                }
            }
            return .createAccount(login: accountLogin, email: accountEmail, profileJSON: accountProfile, resourceType: accountType)
        }
        if let deleteResource {
            guard let deleteResourceType else {
                throw BatonError.invalidArgument("--delete-resource requires --delete-resource-type")
            }
            return .deleteResource(resourceType: deleteResourceType, resourceId: deleteResource)
        }
        return .sync
    }

    private func resolveEventFeed(_ source: ConfigSource) throws -> BatonConfiguration.Action {
        var startAt: Date?
        if let text = source.string(eventFeedStartAt, "event-feed-start-at") {
            guard let date = RFC3339.date(text) else {
                throw BatonError.invalidArgument(
                    "invalid --event-feed-start-at \"\(text.prefix(100))\": expected an RFC 3339 time such as 2026-01-31T09:00:00Z")
            }
            startAt = date
        }
        return .eventFeed(
            feedId: source.string(eventFeedId, "event-feed-id"), startAt: startAt,
            cursor: source.string(eventFeedCursor, "event-feed-cursor"))
    }
}
