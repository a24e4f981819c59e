import BatonProto
import Foundation
import SwiftProtobuf

/// swift-protobuf packs `Any` lazily and serializes the held message with default options, so a
/// `Struct` profile inside a trait would come out in random map order even when the outer message
/// is encoded deterministically. The writer therefore re-packs every annotation it stores with
/// deterministic bytes; connectors can do the same up front with `Google_Protobuf_Any(deterministic:)`.
extension Google_Protobuf_Any {
    /// Packs `message` as `type.googleapis.com/<full name>` holding its deterministic binary encoding.
    package init(deterministic message: some SwiftProtobuf.Message) throws {
        self.init()
        typeURL = "type.googleapis.com/" + type(of: message).protoMessageName
        value = try ProtoCoding.encode(message).withUnsafeBufferPointer { Data(buffer: $0) }
    }
}

extension ProtoCoding {
    /// Every `c1.*` message that may appear inside an annotation, registered with swift-protobuf
    /// so packed values can be decoded and re-encoded by type URL.
    static let annotationTypesRegistered: Bool = {
        let types: [any SwiftProtobuf.Message.Type] = [
            C1_Connector_V2_UserTrait.self, C1_Connector_V2_GroupTrait.self, C1_Connector_V2_RoleTrait.self,
            C1_Connector_V2_AppTrait.self, C1_Connector_V2_SecretTrait.self, C1_Connector_V2_ChildResourceType.self,
            C1_Connector_V2_SkipEntitlementsAndGrants.self, C1_Connector_V2_SkipEntitlements.self, C1_Connector_V2_SkipGrants.self,
            C1_Connector_V2_GrantExpandable.self, C1_Connector_V2_GrantImmutable.self, C1_Connector_V2_GrantMetadata.self,
            C1_Connector_V2_GrantAlreadyExists.self, C1_Connector_V2_GrantAlreadyRevoked.self,
            C1_Connector_V2_InsertResourceGrants.self, C1_Connector_V2_EntitlementImmutable.self,
            C1_Connector_V2_ExternalLink.self, C1_Connector_V2_V1Identifier.self, C1_Connector_V2_RawId.self,
            C1_Connector_V2_Aliases.self, C1_Connector_V2_RateLimitDescription.self, C1_Connector_V2_ResourceDoesNotExist.self,
            C1_Connector_V2_ExternalTicketSettings.self, C1_Connector_V2_CapabilityPermissions.self, C1_Connector_V2_ETag.self,
            C1_C1z_V1_SyncDetails.self,
        ]
        for type in types { Google_Protobuf_Any.register(messageType: type) }
        return true
    }()

    /// Annotation types with no map field anywhere inside: swift-protobuf's default encoding of
    /// them is already deterministic, so they are stored as given.
    static let mapFreeTypeURLs: Set<String> = Set(
        [
            C1_Connector_V2_GrantExpandable.self, C1_Connector_V2_ChildResourceType.self, C1_Connector_V2_ExternalLink.self,
            C1_Connector_V2_SkipEntitlementsAndGrants.self, C1_Connector_V2_SkipEntitlements.self, C1_Connector_V2_SkipGrants.self,
        ].map { (type: any SwiftProtobuf.Message.Type) in "type.googleapis.com/" + type.protoMessageName })

    /// Re-packs each annotation of a known type with deterministic bytes; unknown types are kept.
    static func normalize(_ annotations: inout [Google_Protobuf_Any]) {
        guard !annotations.isEmpty, annotationTypesRegistered else { return }
        for index in annotations.indices {
            let annotation = annotations[index]
            // Only map fields (Struct) serialize in varying order: an empty value or a map-free
            // type is canonical as it stands, so it is re-packed from its bytes without the
            // decode and re-encode (per row, that pair dominated the writer's time).
            if mapFreeTypeURLs.contains(annotation.typeURL) || annotation.value.isEmpty {
                var packed = Google_Protobuf_Any()
                packed.typeURL = annotation.typeURL
                packed.value = annotation.value
                annotations[index] = packed
                continue
            }
            guard let type = Google_Protobuf_Any.messageType(forTypeURL: annotation.typeURL),
                let message = try? type.init(
                    serializedBytes: annotation.value, extensions: nil, partial: true,
                    options: BinaryDecodingOptions()),
                let bytes = try? message.serializedBytes(partial: true, options: encodingOptions) as [UInt8]
            else { continue }
            var packed = Google_Protobuf_Any()
            packed.typeURL = annotation.typeURL
            packed.value = Data(bytes)
            annotations[index] = packed
        }
    }

    static func normalized(_ type: C1_Connector_V2_ResourceType) -> C1_Connector_V2_ResourceType {
        var copy = type
        normalize(&copy.annotations)
        return copy
    }

    static func normalized(_ resource: C1_Connector_V2_Resource) -> C1_Connector_V2_Resource {
        var copy = resource
        normalize(&copy.annotations)
        return copy
    }

    static func normalized(_ entitlement: C1_Connector_V2_Entitlement) -> C1_Connector_V2_Entitlement {
        var copy = entitlement
        normalize(&copy.annotations)
        if copy.hasResource { copy.resource = normalized(copy.resource) }
        if !copy.grantableTo.isEmpty { copy.grantableTo = copy.grantableTo.map(normalized) }
        return copy
    }

    static func normalized(_ grant: C1_Connector_V2_Grant) -> C1_Connector_V2_Grant {
        var copy = grant
        normalize(&copy.annotations)
        if copy.hasEntitlement { copy.entitlement = normalized(copy.entitlement) }
        if copy.hasPrincipal { copy.principal = normalized(copy.principal) }
        return copy
    }
}
