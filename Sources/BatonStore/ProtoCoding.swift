import BatonProto
import Foundation
import SwiftProtobuf

/// Protobuf encoding conventions of the c1z blobs.
enum ProtoCoding {
    /// Deterministic (sorted map keys) so identical objects give identical bytes.
    static let encodingOptions: BinaryEncodingOptions = {
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        return options
    }()

    static func encode<M: SwiftProtobuf.Message>(_ message: M) throws -> [UInt8] {
        try message.serializedBytes(partial: true, options: encodingOptions)
    }

    static func decode<M: SwiftProtobuf.Message>(_ type: M.Type, _ bytes: [UInt8], table: String, rowID: Int64) throws -> M {
        do {
            return try M(serializedBytes: bytes, partial: true)
        } catch {
            throw C1ZError.corruptRow(table: table, rowID: rowID, detail: "\(error)")
        }
    }

    /// Type URL of `GrantExpandable` inside `Any` annotations.
    static let grantExpandableTypeURL = "type.googleapis.com/" + C1_Connector_V2_GrantExpandable.protoMessageName
    /// Bytes searched for in grant blobs to pre-filter expandable grants in SQL.
    static let grantExpandableMarker = C1_Connector_V2_GrantExpandable.protoMessageName

    /// The `GrantExpandable` annotation of `grant`, if it carries one.
    static func grantExpandable(of grant: C1_Connector_V2_Grant) -> C1_Connector_V2_GrantExpandable? {
        for annotation in grant.annotations where annotation.typeURL == grantExpandableTypeURL {
            if let value = try? C1_Connector_V2_GrantExpandable(serializedBytes: annotation.value) {
                return value
            }
        }
        return nil
    }
}
