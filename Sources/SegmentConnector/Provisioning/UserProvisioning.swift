import BatonKit

/// Accounts: created by invitation (no password), removed from the workspace by deletion.
extension UserSyncer: AccountManager, ResourceDeleter, SegmentProvisioning {
    func createAccount(accountInfo: AccountInfo, credentialOptions: CredentialOptions) async throws -> CreateAccountResponse {
        try await provisioner.createAccount(accountInfo: accountInfo, credentialOptions: credentialOptions)
    }

    var accountProvisioningDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning? {
        SegmentProvisioner.accountProvisioningDetails
    }

    func delete(resourceId: ResourceId) async throws -> [Annotation] {
        try await provisioner.deleteUser(resourceId)
    }
}
