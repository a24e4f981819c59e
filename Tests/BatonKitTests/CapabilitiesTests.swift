import BatonKit
import Foundation
import Testing

/// A deleter-only syncer, to see capabilities follow conformances.
private struct DeletableUsers: ResourceSyncer, ResourceDeleter, AccountManager {
    let resourceType = Fixture.userType
    func listResources(parent: ResourceId?, pageToken: String, context: SyncContext) async throws -> SyncPage<Resource> { .empty }
    func listEntitlements(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Entitlement> { .empty }
    func listGrants(resource: Resource, pageToken: String, context: SyncContext) async throws -> SyncPage<Grant> { .empty }
    func delete(resourceId: ResourceId) async throws -> [Annotation] { [] }
    func createAccount(accountInfo: AccountInfo, credentialOptions: CredentialOptions) async throws -> CreateAccountResponse {
        CreateAccountResponse()
    }
}

@Suite struct CapabilitiesTests {
    @Test func jsonShape() throws {
        let connector = FakeConnector(syncers: [
            FakeSyncer(resourceType: Fixture.groupType),  // FakeSyncer provisions
            DeletableUsers(),
        ])
        let json = try Capabilities.json(connector)
        let expected = """
            {
              "@type": "type.googleapis.com/c1.connector.v2.ConnectorCapabilities",
              "resourceTypeCapabilities": [
                {
                  "resourceType": {
                    "id": "group",
                    "displayName": "Group",
                    "traits": [
                      "TRAIT_GROUP"
                    ]
                  },
                  "capabilities": [
                    "CAPABILITY_SYNC",
                    "CAPABILITY_PROVISION"
                  ],
                  "permissions": {}
                },
                {
                  "resourceType": {
                    "id": "user",
                    "displayName": "User",
                    "traits": [
                      "TRAIT_USER"
                    ]
                  },
                  "capabilities": [
                    "CAPABILITY_SYNC",
                    "CAPABILITY_ACCOUNT_PROVISIONING",
                    "CAPABILITY_RESOURCE_DELETE"
                  ],
                  "permissions": {}
                }
              ],
              "connectorCapabilities": [
                "CAPABILITY_PROVISION",
                "CAPABILITY_SYNC",
                "CAPABILITY_ACCOUNT_PROVISIONING",
                "CAPABILITY_RESOURCE_DELETE"
              ]
            }
            """
        #expect(json == expected)
        #expect(!json.hasSuffix("\n"))
    }

    @Test func metadataCarriesCapabilities() async throws {
        let metadata = try await Capabilities.metadata(FakeConnector(syncers: [FakeSyncer(resourceType: Fixture.groupType)]))
        #expect(metadata.displayName == "Fake")
        #expect(metadata.capabilities.connectorCapabilities == [.provision, .sync])
    }
}
