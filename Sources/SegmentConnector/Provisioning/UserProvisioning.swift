import BatonKit

/// Accounts: created by invitation (no password), removed from the workspace by deletion.
extension UserSyncer: AccountManager, ResourceDeleter, ProvisioningPlanner {
    private var provisioner: SegmentProvisioner { SegmentProvisioner(client: client, memo: memo) }

    func createAccount(accountInfo: AccountInfo, credentialOptions: CredentialOptions) async throws -> CreateAccountResponse {
        try await provisioner.createAccount(accountInfo: accountInfo, credentialOptions: credentialOptions)
    }

    var accountProvisioningDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning? {
        SegmentProvisioner.accountProvisioningDetails
    }

    func delete(resourceId: ResourceId) async throws -> [Annotation] {
        try await provisioner.deleteUser(resourceId)
    }

    func plan(_ operation: ProvisioningOperation) async throws -> [String] {
        try await provisioner.plan(operation, resourceType: resourceType.id)
    }
}
