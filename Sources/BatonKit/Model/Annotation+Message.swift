import SwiftProtobuf

extension Annotation {
    /// Packs `message` as an annotation (`type.googleapis.com/<full name>` + binary value).
    public init<M: SwiftProtobuf.Message>(_ message: M) {
        // Binary encoding of a proto3 message with `partial: true` has no failure path.
        self = try! Google_Protobuf_Any(message: message, partial: true)
    }

    /// The annotation decoded as `M`, or nil when it holds another type (or is corrupt).
    public func unpack<M: SwiftProtobuf.Message>(_ type: M.Type) -> M? {
        guard holds(M.self) else { return nil }
        return try? M(unpackingAny: self)
    }

    /// Whether the annotation holds an `M`: the same answer as `isA`, whose type-URL parsing
    /// builds a string per call (the sync checks every resource's annotations this way).
    package func holds<M: SwiftProtobuf.Message>(_ type: M.Type) -> Bool {
        let name = M.protoMessageName.utf8
        let url = typeURL.utf8
        guard url.count >= name.count, url.reversed().starts(with: name.reversed()) else { return false }
        // The name must be the whole URL or follow its last `/` (`type.googleapis.com/<name>`).
        return url.count == name.count || url.dropLast(name.count).last == UInt8(ascii: "/")
    }
}

extension Array where Element == Annotation {
    /// The first annotation of type `M`, decoded.
    public func first<M: SwiftProtobuf.Message>(_ type: M.Type) -> M? {
        for annotation in self { if let value = annotation.unpack(M.self) { return value } }
        return nil
    }

    /// Every annotation of type `M`, decoded (for repeated ones such as `ChildResourceType`).
    public func all<M: SwiftProtobuf.Message>(_ type: M.Type) -> [M] {
        compactMap { $0.unpack(M.self) }
    }

    /// Whether an annotation of type `M` is present.
    public func contains<M: SwiftProtobuf.Message>(_ type: M.Type) -> Bool {
        contains { $0.holds(M.self) }
    }

    /// Replaces any annotation of `message`'s type with `message` (the SDK's one-per-type rule).
    public mutating func update<M: SwiftProtobuf.Message>(_ message: M) {
        removeAll { $0.holds(M.self) }
        append(Annotation(message))
    }
}
