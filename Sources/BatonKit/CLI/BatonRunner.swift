import BatonStore
import Foundation
import Logging
import SwiftProtobuf

/// Runs what a ``BatonConfiguration`` asks for against a ``Connector`` (docs/baton-conventions.md, "What a run does"): service mode
/// (not supported yet), a one-shot grant / revoke / create-account / delete-resource, or by
/// default a full sync written atomically to `--file`.
package struct BatonRunner: Sendable {
    package let connector: any Connector
    package let configuration: BatonConfiguration
    package let logger: Logger
    /// Sync options derived from the configuration; adjust (e.g. concurrency) before `run()`.
    package var syncOptions: SyncOptions
    /// Where a sync is written; defaults to a c1z at `--file`.
    package var makeStore: @Sendable (BatonConfiguration, Logger) -> any SyncStore = { config, logger in
        C1ZSyncStore(
            path: config.file,
            options: C1ZWriterOptions(
                tempDirectory: config.c1zTempDir, waitForLock: config.waitForLock,
                keepSyncCount: config.keepSyncCount, skipCleanup: config.skipCleanup, logger: logger))
    }
    /// Where one-shot provisioning looks objects up; defaults to the c1z at `--file`.
    package var openLookup: @Sendable (BatonConfiguration) throws -> any ProvisioningLookup = { config in
        try C1ZLookup(path: config.file, tempDirectory: config.c1zTempDir)
    }

    package init(connector: any Connector, configuration: BatonConfiguration, logger: Logger) {
        self.connector = connector
        self.configuration = configuration
        self.logger = logger
        self.syncOptions = configuration.syncOptions
    }

    package func run() async throws -> BatonOutcome {
        switch configuration.action {
        case .service:
            throw BatonError.unimplemented("service mode (--client-id) is not supported in this build yet")
        case .sync:
            return try await sync()
        case .grant(let entitlementId, let principalType, let principalId):
            try requireProvisioning()
            return try await grant(entitlementId: entitlementId, principal: ResourceId(principalType, principalId))
        case .revoke(let grantId):
            try requireProvisioning()
            return try await revoke(grantId: grantId)
        case .createAccount(let login, let email, let profileJSON, let resourceType):
            try requireProvisioning()
            return try await createAccount(login: login, email: email, profileJSON: profileJSON, resourceType: resourceType)
        case .deleteResource(let resourceType, let resourceId):
            try requireProvisioning()
            return try await delete(ResourceId(resourceType, resourceId))
        case .eventFeed(let feedId, let startAt, let cursor):
            return try await eventFeed(feedId: feedId, startAt: startAt, cursor: cursor)
        }
    }

    private func requireProvisioning() throws {
        guard configuration.provisioning else { throw BatonError.failedPrecondition("provisioning is not enabled") }
    }

    // MARK: - Sync

    private func sync() async throws -> BatonOutcome {
        if configuration.dryRun {
            let summary = try await SyncEngine(connector: connector, store: InMemorySyncStore(), options: syncOptions, logger: logger).run()
            return .dryRun("\(summary.line); nothing written")
        }
        let store = makeStore(configuration, logger)
        let interruption = SyncInterruption.install(file: configuration.file)
        defer { interruption.uninstall() }
        let summary = try await SyncEngine(connector: connector, store: store, options: syncOptions, logger: logger).run()
        return .synced(summary, file: configuration.file)
    }

    // MARK: - One-shot provisioning

    private func withLookup<T>(_ body: (any ProvisioningLookup) async throws -> T) async throws -> T {
        let lookup = try openLookup(configuration)
        defer { (lookup as? C1ZLookup)?.close() }
        return try await body(lookup)
    }

    private func storedResource(_ id: ResourceId, in lookup: any ProvisioningLookup, role: String) async throws -> Resource {
        guard let resource = try await lookup.resource(id: id) else {
            throw BatonError.notFound("\(role) \(IdentifierText.shown(id.key)) not found in \(configuration.file)")
        }
        return resource
    }

    private func provisioner(for typeId: String) throws -> any GrantProvisioner {
        try connector.requireGrantProvisioner(for: typeId)
    }

    private func grant(entitlementId: String, principal principalId: ResourceId) async throws -> BatonOutcome {
        try await withLookup { lookup in
            guard var entitlement = try await lookup.entitlement(id: entitlementId) else {
                throw BatonError.notFound("entitlement \(IdentifierText.shown(entitlementId)) not found in \(configuration.file)")
            }
            entitlement.resource = try await storedResource(entitlement.resource.id, in: lookup, role: "entitlement resource")
            let principal = try await storedResource(principalId, in: lookup, role: "principal")
            let provisioner = try provisioner(for: entitlement.resource.id.resourceType)
            if configuration.dryRun {
                return .dryRun(
                    try await planned(
                        "would grant \(entitlement.id) to \(principalId.key)", by: provisioner,
                        .grant(principal: principal, entitlement: entitlement)))
            }
            logger.info("granting", metadata: ["entitlement_id": .string(entitlement.id), "principal": .string(principalId.key)])
            return .granted(try await provisioner.grant(principal: principal, entitlement: entitlement))
        }
    }

    private func revoke(grantId: String) async throws -> BatonOutcome {
        try await withLookup { lookup in
            guard let stored = try await lookup.grant(id: grantId) else {
                throw BatonError.notFound("grant \(IdentifierText.shown(grantId)) not found in \(configuration.file)")
            }
            var entitlement = try await lookup.entitlement(id: stored.entitlement.id) ?? stored.entitlement
            entitlement.resource = try await storedResource(entitlement.resource.id, in: lookup, role: "entitlement resource")
            let principal = try await lookup.resource(id: stored.principal.id) ?? stored.principal
            var grant = Grant()
            grant.id = stored.id
            grant.entitlement = entitlement
            grant.principal = principal
            grant.annotations = stored.annotations
            grant.sources = stored.sources  // tells a connector the grant was derived (expansion)
            let provisioner = try provisioner(for: entitlement.resource.id.resourceType)
            if configuration.dryRun { return .dryRun(try await planned("would revoke \(grantId)", by: provisioner, .revoke(grant: grant))) }
            logger.info("revoking", metadata: ["grant_id": .string(grantId)])
            return .revoked(annotations: try await provisioner.revoke(grant: grant))
        }
    }

    private func createAccount(login: String?, email: String?, profileJSON: String?, resourceType: String?) async throws -> BatonOutcome {
        let typeId = try connector.accountType(resourceType)
        let manager = try connector.requireAccountManager(for: typeId)
        var info = AccountInfo()
        var profile = Google_Protobuf_Struct()
        if let profileJSON {
            do { profile = try Google_Protobuf_Struct(jsonString: profileJSON) } catch {
                throw BatonError.invalidArgument("--create-account-profile must be a JSON object")
            }
        }
        if let login {
            info.login = login
            if profile.fields["login"] == nil { profile.fields["login"] = Google_Protobuf_Value(stringValue: login) }
        }
        if let email {
            var address = C1_Connector_V2_AccountInfo.Email()
            address.address = email
            address.isPrimary = true
            info.emails = [address]
            if profile.fields["email"] == nil { profile.fields["email"] = Google_Protobuf_Value(stringValue: email) }
        }
        info.profile = profile
        // Invitation-style accounts: no password is generated or returned.
        var options = CredentialOptions()
        options.noPassword = C1_Connector_V2_CredentialOptions.NoPassword()
        if configuration.dryRun {
            return .dryRun(
                try await planned(
                    "would create a \(typeId) account for \(login ?? email ?? "the given profile")", by: manager,
                    .createAccount(accountInfo: info, credentialOptions: options)))
        }
        logger.info("creating account", metadata: ["resource_type": .string(typeId)])
        return .accountCreated(try await manager.createAccount(accountInfo: info, credentialOptions: options))
    }

    private func delete(_ id: ResourceId) async throws -> BatonOutcome {
        let deleter = try connector.requireResourceDeleter(for: id.resourceType)
        if configuration.dryRun { return .dryRun(try await planned("would delete \(id.key)", by: deleter, .delete(resourceId: id))) }
        logger.info("deleting resource", metadata: ["resource": .string(id.key)])
        return .resourceDeleted(annotations: try await deleter.delete(resourceId: id))
    }

    /// The dry-run text: `summary`, then the API calls the connector's planner lists (none made).
    private func planned(_ summary: String, by object: Any, _ operation: ProvisioningOperation) async throws -> String {
        guard let planner = object as? any ProvisioningPlanner else { return summary }
        let calls = try await planner.plan(operation)
        guard !calls.isEmpty else { return "\(summary); no API call needed" }
        return "\(summary) with these API calls (none was made):\n" + calls.map { "  \($0)" }.joined(separator: "\n")
    }
}
