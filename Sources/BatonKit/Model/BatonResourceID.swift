/// A resource named by its Baton id, `bid:r:[<parent type>/<parent id>/]<type>/<id>`, the form
/// the SDK's `--sync-resources` takes (https://github.com/ConductorOne/baton-sdk, `pkg/bid`):
/// `/`, `:` and `\` inside a part are escaped with a backslash.
public struct BatonResourceID: Sendable, Equatable, Hashable {
    /// The resource named.
    public var id: ResourceId
    /// Its parent resource, when the id names one.
    public var parent: ResourceId?

    /// The id of `id`, under `parent` if given.
    public init(id: ResourceId, parent: ResourceId? = nil) {
        self.id = id
        self.parent = parent
    }

    /// Parses `bid:r:...`; anything else is an `INVALID_ARGUMENT` naming the text.
    public init(parsing text: String) throws {
        let prefix = "bid:r:"
        guard text.hasPrefix(prefix) else {
            throw BatonError.invalidArgument("invalid resource id \"\(text.prefix(200))\" in --sync-resources: expected bid:r:<type>/<id>")
        }
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in text.dropFirst(prefix.count) {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "/" {
                parts.append(current)
                current = ""
            } else if character == ":" {
                throw BatonError.invalidArgument("invalid resource id \"\(text.prefix(200))\" in --sync-resources: unescaped \":\"")
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        guard !escaped, parts.count == 2 || parts.count == 4, !parts.contains(where: \.isEmpty) else {
            throw BatonError.invalidArgument(
                "invalid resource id \"\(text.prefix(200))\" in --sync-resources: expected bid:r:[<parent type>/<parent id>/]<type>/<id>")
        }
        if parts.count == 4 {
            self.init(id: ResourceId(parts[2], parts[3]), parent: ResourceId(parts[0], parts[1]))
        } else {
            self.init(id: ResourceId(parts[0], parts[1]))
        }
    }

    /// The Baton id text, escaped.
    public var text: String {
        func escape(_ part: String) -> String {
            var out = ""
            for character in part {
                if character == "\\" || character == "/" || character == ":" { out.append("\\") }
                out.append(character)
            }
            return out
        }
        var body = "\(escape(id.resourceType))/\(escape(id.resource))"
        if let parent { body = "\(escape(parent.resourceType))/\(escape(parent.resource))/" + body }
        return "bid:r:" + body
    }
}
