/// What a grant call produced: the grants now in place and response annotations
/// (e.g. `GrantAlreadyExists` when nothing had to change).
public struct GrantResult: Sendable {
    /// The grants that now give the principal the entitlement (usually one).
    public var grants: [Grant]
    /// Annotations returned with the response, such as `GrantAlreadyExists`.
    public var annotations: [Annotation]
    /// A result of `grants`, with no annotations unless given.
    public init(grants: [Grant], annotations: [Annotation] = []) {
        self.grants = grants
        self.annotations = annotations
    }
}

/// Grants and revokes entitlements of one resource type (capability `CAPABILITY_PROVISION`).
/// Implement it on the type's ``ResourceSyncer`` (or return it from ``Connector/grantProvisioner(for:)``).
public protocol GrantProvisioner: Sendable {
    /// Gives `principal` the `entitlement`, whose `resource` is the full stored resource.
    func grant(principal: Resource, entitlement: Entitlement) async throws -> GrantResult
    /// Removes `grant` (entitlement resource hydrated, principal and annotations as stored).
    /// Returns response annotations such as `GrantAlreadyRevoked`.
    func revoke(grant: Grant) async throws -> [Annotation]
}

/// Creates accounts of one resource type (capability `CAPABILITY_ACCOUNT_PROVISIONING`).
public protocol AccountManager: Sendable {
    /// Creates the account `accountInfo` describes, with credentials as `credentialOptions` asks;
    /// the response says whether it was created, already existed, is in progress or needs action.
    func createAccount(accountInfo: AccountInfo, credentialOptions: CredentialOptions) async throws -> CreateAccountResponse
    /// The credential options this type supports, reported by `capabilities`; nil = not reported.
    var accountProvisioningDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning? { get }
}

extension AccountManager {
    /// Default: nil, so `capabilities` reports no credential options for the type.
    public var accountProvisioningDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning? { nil }
}

/// Creates resources of one type (capability `CAPABILITY_RESOURCE_CREATE`).
public protocol ResourceCreator: Sendable {
    /// Creates `resource` upstream (as a service-mode task describes it) and returns what was made.
    func createResource(_ resource: Resource) async throws -> CreateResourceResponse
}

/// Deletes resources of one type (capability `CAPABILITY_RESOURCE_DELETE`).
public protocol ResourceDeleter: Sendable {
    /// Returns response annotations such as `ResourceDoesNotExist` when it was already gone.
    func delete(resourceId: ResourceId) async throws -> [Annotation]
}
