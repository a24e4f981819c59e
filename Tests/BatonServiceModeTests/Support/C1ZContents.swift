import BatonKit
import BatonStore
import Foundation
import SwiftProtobuf

/// The rows of a c1z keyed by id, each as its deterministic protobuf bytes, so two files can be
/// compared exactly (resources, entitlements, grants and resource types).
struct C1ZContents: Equatable {
    var resourceTypes: [String: Data]
    var resources: [String: Data]
    var entitlements: [String: Data]
    var grants: [String: Data]

    init(path: String) throws {
        let reader = try C1ZReader(path: path)
        defer { reader.close() }
        resourceTypes = try Self.keyed(reader.resourceTypes()) { $0.id }
        resources = try Self.keyed(reader.resources()) { $0.id.key }
        entitlements = try Self.keyed(reader.entitlements()) { $0.id }
        grants = try Self.keyed(reader.grants()) { $0.id }
    }

    init(bytes: Data, scratch: String) throws {
        try bytes.write(to: URL(fileURLWithPath: scratch))
        try self.init(path: scratch)
    }

    private static func keyed<M: SwiftProtobuf.Message>(_ rows: [M], _ key: (M) -> String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        for row in rows { out[key(row)] = try row.serializedBytes(options: options) }
        return out
    }
}
