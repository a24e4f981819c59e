@_exported import BatonProto
import SwiftProtobuf

// Short names for the generated c1.connector.v2 messages a connector handles every day.
// BatonProto is re-exported so `import BatonKit` is enough in a connector.

public typealias Resource = C1_Connector_V2_Resource
public typealias ResourceId = C1_Connector_V2_ResourceId
public typealias ResourceType = C1_Connector_V2_ResourceType
public typealias Entitlement = C1_Connector_V2_Entitlement
public typealias Grant = C1_Connector_V2_Grant
/// Every `annotations` field holds these: a message packed with its type URL.
public typealias Annotation = SwiftProtobuf.Google_Protobuf_Any
public typealias GrantExpandable = C1_Connector_V2_GrantExpandable
public typealias ConnectorMetadata = C1_Connector_V2_ConnectorMetadata
public typealias ConnectorCapabilities = C1_Connector_V2_ConnectorCapabilities
public typealias AccountInfo = C1_Connector_V2_AccountInfo
public typealias CredentialOptions = C1_Connector_V2_CredentialOptions
public typealias CreateAccountResponse = C1_Connector_V2_CreateAccountResponse
public typealias CreateResourceResponse = C1_Connector_V2_CreateResourceResponse
