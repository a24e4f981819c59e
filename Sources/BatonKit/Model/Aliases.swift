@_exported import BatonProto
import SwiftProtobuf

// Short names for the generated c1.connector.v2 messages a connector handles every day.
// BatonProto is re-exported so `import BatonKit` is enough in a connector.

/// One object in the upstream system (a user, a group, a workspace...), with its id and parent.
public typealias Resource = C1_Connector_V2_Resource
/// A resource's type id and upstream id: how every resource is addressed.
public typealias ResourceId = C1_Connector_V2_ResourceId
/// A kind of resource, with the traits (user, group, role, app...) ConductorOne reads it by.
public typealias ResourceType = C1_Connector_V2_ResourceType
/// Something a resource offers that can be held: a membership (assignment) or a permission.
public typealias Entitlement = C1_Connector_V2_Entitlement
/// A principal (a resource, usually a user or group) holding an entitlement; access as ConductorOne reviews it.
public typealias Grant = C1_Connector_V2_Grant
/// Every `annotations` field holds these: a message packed with its type URL.
public typealias Annotation = SwiftProtobuf.Google_Protobuf_Any
/// The grant annotation that asks for expansion: holders of its entitlement ids also get the grant's entitlement.
public typealias GrantExpandable = C1_Connector_V2_GrantExpandable
/// What the connector says about itself (display name, description, capabilities) to the CLI and ConductorOne.
public typealias ConnectorMetadata = C1_Connector_V2_ConnectorMetadata
/// Which operations each resource type supports (sync, provisioning, ...), as `capabilities` prints them.
public typealias ConnectorCapabilities = C1_Connector_V2_ConnectorCapabilities
/// The account to create: login, emails and profile fields, as an account-creation request gives them.
public typealias AccountInfo = C1_Connector_V2_AccountInfo
/// How a new account's credentials are set (no password, a random one, SSO...).
public typealias CredentialOptions = C1_Connector_V2_CredentialOptions
/// The outcome of creating an account: created, already there, in progress or needing action.
public typealias CreateAccountResponse = C1_Connector_V2_CreateAccountResponse
/// The outcome of creating a resource: the resource as created.
public typealias CreateResourceResponse = C1_Connector_V2_CreateResourceResponse
