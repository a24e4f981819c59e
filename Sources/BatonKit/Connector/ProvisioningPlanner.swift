/// One provisioning operation, as `--dry-run` describes it before doing nothing.
public enum ProvisioningOperation: Sendable {
    /// Give `principal` the `entitlement` (``GrantProvisioner/grant(principal:entitlement:)``).
    case grant(principal: Resource, entitlement: Entitlement)
    /// Remove a stored grant (``GrantProvisioner/revoke(grant:)``).
    case revoke(grant: Grant)
    /// Create an account (``AccountManager/createAccount(accountInfo:credentialOptions:)``).
    case createAccount(accountInfo: AccountInfo, credentialOptions: CredentialOptions)
    /// Delete a resource (``ResourceDeleter/delete(resourceId:)``).
    case delete(resourceId: ResourceId)
}

/// Optional: lets `--dry-run` print the upstream API calls an operation would make.
///
/// Adopt it on the same object as the ``GrantProvisioner``, ``AccountManager`` or
/// ``ResourceDeleter``; the runner asks it instead of performing the operation.
public protocol ProvisioningPlanner: Sendable {
    /// One line per upstream call, in order (method, path, body summary). Must make no upstream
    /// call; throws for input the real operation would refuse, with the same one-line error.
    func plan(_ operation: ProvisioningOperation) async throws -> [String]
}
