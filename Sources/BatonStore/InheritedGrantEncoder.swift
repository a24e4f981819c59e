import BatonProto
import SwiftProtobuf

/// Encodes the grants expansion creates for one entitlement straight into `v1_grants` rows, with
/// the same bytes as encoding each grant message (``C1ZEncodedGrant``), without building the
/// messages: expansion writes about as many rows as the connector lists, and building then
/// encoding a message per inherited grant was most of that step's time.
///
/// Such a grant is `entitlement` (field 1), a principal with only its id (2), its id (3), the
/// given annotations (4) and `sources` naming the entitlements it came through (5). Fields 1 and
/// 4 are the same for every grant of the entitlement and are encoded once; `sources` is encoded
/// once per distinct list (a destination has a handful); the principal and id are written by hand.
package struct InheritedGrantEncoder {
    private let entitlement: C1_Connector_V2_Entitlement
    private let entitlementField: [UInt8]
    private let annotationsField: [UInt8]
    private var sourcesFields: [[String]: [UInt8]] = [:]

    /// Prepares the fields shared by every grant of `entitlement` carrying `annotations`.
    package init(entitlement: C1_Connector_V2_Entitlement, annotations: [Google_Protobuf_Any]) throws {
        guard !entitlement.id.isEmpty, entitlement.hasResource, entitlement.resource.hasID else {
            throw C1ZError.invalidRecord(detail: "inherited grants of an entitlement without id or resource id")
        }
        self.entitlement = entitlement
        entitlementField = try C1ZEncodedGrant.entitlementField(entitlement)
        var holder = C1_Connector_V2_Grant()
        holder.annotations = annotations
        annotationsField = try ProtoCoding.encode(ProtoCoding.normalized(holder))
    }

    /// The row of the grant with `id` giving the entitlement to `principal` through `sources`.
    package mutating func row(id: String, principal: C1_Connector_V2_ResourceId, sources: [String]) throws -> C1ZEncodedGrant {
        guard !id.isEmpty else { throw C1ZError.invalidRecord(detail: "inherited grant without id") }
        var data = entitlementField
        data.reserveCapacity(entitlementField.count + annotationsField.count + id.utf8.count * 2 + 64)
        // Field 2: a Resource holding only field 1, its ResourceId (type 1, resource 2).
        var resourceID: [UInt8] = []
        ProtoWire.appendString(principal.resourceType, field: 1, to: &resourceID)
        ProtoWire.appendString(principal.resource, field: 2, to: &resourceID)
        var resource: [UInt8] = []
        ProtoWire.appendBytes(resourceID, field: 1, to: &resource)
        ProtoWire.appendBytes(resource, field: 2, to: &data)
        ProtoWire.appendString(id, field: 3, to: &data)
        data += annotationsField
        data += try sourcesField(sources)
        return C1ZEncodedGrant(
            resourceTypeID: entitlement.resource.id.resourceType, resourceID: entitlement.resource.id.resource,
            entitlementID: entitlement.id, principalTypeID: principal.resourceType, principalID: principal.resource,
            externalID: id, data: data)
    }

    /// Field 5, `GrantSources` with one (not direct) `GrantSource` per source, map keys sorted.
    private mutating func sourcesField(_ sources: [String]) throws -> [UInt8] {
        if let cached = sourcesFields[sources] { return cached }
        var holder = C1_Connector_V2_Grant()
        for source in sources { holder.sources.sources[source] = C1_Connector_V2_GrantSources.GrantSource() }
        let field = try ProtoCoding.encode(holder)
        sourcesFields[sources] = field
        return field
    }
}

/// The few protobuf wire-format pieces written by hand (length-delimited fields and varints).
enum ProtoWire {
    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A proto3 string field: omitted when empty, as the generated encoders do.
    static func appendString(_ value: String, field: Int, to bytes: inout [UInt8]) {
        guard !value.isEmpty else { return }
        bytes.append(UInt8(field << 3 | 2))
        appendVarint(UInt64(value.utf8.count), to: &bytes)
        bytes.append(contentsOf: value.utf8)
    }

    /// A length-delimited field holding an encoded message (written even when empty, as a set
    /// singular message field is).
    static func appendBytes(_ value: [UInt8], field: Int, to bytes: inout [UInt8]) {
        bytes.append(UInt8(field << 3 | 2))
        appendVarint(UInt64(value.count), to: &bytes)
        bytes.append(contentsOf: value)
    }
}
