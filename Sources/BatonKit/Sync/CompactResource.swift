import SwiftProtobuf

/// A synced resource kept between the resource step and the entitlement and grant steps in its
/// wire form: a connector's resources carry trait messages (profiles as `Struct`s) that cost a
/// few kilobytes each as live objects, and a large workspace has hundreds of thousands of them.
struct CompactResource: Sendable {
    /// `<type>:<id>`, the upsert key.
    let key: String
    let typeId: String
    private let bytes: [UInt8]

    init(_ resource: Resource) throws {
        key = resource.id.key
        typeId = resource.id.resourceType
        bytes = try resource.serializedBytes()
    }

    /// A resource as the store returned it (its bytes are not decoded here).
    init(_ stored: StoredResource) {
        key = stored.key
        typeId = stored.typeId
        bytes = stored.bytes
    }

    func decoded() throws -> Resource {
        try Resource(serializedBytes: bytes)
    }
}
