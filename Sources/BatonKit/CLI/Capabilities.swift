import SwiftProtobuf

/// The `capabilities` subcommand (docs/baton-conventions.md, "Subcommands"): what each resource type supports, derived from which
/// protocols the connector implements for it.
package enum Capabilities {
    /// Per type (sorted by id): SYNC, then TARGETED_SYNC, PROVISION, ACCOUNT_PROVISIONING,
    /// RESOURCE_DELETE, RESOURCE_CREATE as implemented; `permissions` always present;
    /// `connectorCapabilities` is the union, plus EVENT_FEED_V2 for a connector with an event
    /// feed, sorted by enum number.
    package static func of(_ connector: any Connector) -> ConnectorCapabilities {
        var capabilities = ConnectorCapabilities()
        var union: Set<Int> = []
        for syncer in connector.syncers.sorted(by: { $0.resourceType.id < $1.resourceType.id }) {
            let id = syncer.resourceType.id
            var entry = C1_Connector_V2_ResourceTypeCapability()
            entry.resourceType = syncer.resourceType
            entry.capabilities = [.sync]
            if syncer is any ResourceGetter { entry.capabilities.append(.targetedSync) }
            if connector.grantProvisioner(for: id) != nil { entry.capabilities.append(.provision) }
            if let manager = connector.accountManager(for: id) {
                entry.capabilities.append(.accountProvisioning)
                if let details = manager.accountProvisioningDetails {
                    capabilities.credentialDetails.capabilityAccountProvisioning = details
                }
            }
            if connector.resourceDeleter(for: id) != nil { entry.capabilities.append(.resourceDelete) }
            if connector.resourceCreator(for: id) != nil { entry.capabilities.append(.resourceCreate) }
            entry.permissions =
                syncer.resourceType.annotations.first(C1_Connector_V2_CapabilityPermissions.self)
                ?? C1_Connector_V2_CapabilityPermissions()
            union.formUnion(entry.capabilities.map(\.rawValue))
            capabilities.resourceTypeCapabilities.append(entry)
        }
        if connector.eventFeedProvider != nil { union.insert(C1_Connector_V2_Capability.eventFeedV2.rawValue) }
        capabilities.connectorCapabilities = union.sorted().compactMap(C1_Connector_V2_Capability.init(rawValue:))
        return capabilities
    }

    /// `ConnectorCapabilities` in an `Any`, as protojson (lowerCamelCase, enum names, defaults
    /// omitted), indented by two spaces, without a trailing newline.
    package static func json(_ connector: any Connector) throws -> String {
        let any = try Google_Protobuf_Any(message: of(connector))
        return PrettyJSON.indent(try any.jsonString())
    }

    /// The connector's metadata with `capabilities` filled in, as the SDK does.
    package static func metadata(_ connector: any Connector) async throws -> ConnectorMetadata {
        var metadata = try await connector.metadata()
        metadata.capabilities = of(connector)
        return metadata
    }
}

/// Re-indents compact JSON text with two spaces, keeping key order (Go protojson's layout).
enum PrettyJSON {
    static func indent(_ compact: String) -> String {
        var out = ""
        var depth = 0
        var inString = false
        var escaped = false
        let characters = Array(compact)
        var index = 0
        func newline() { out += "\n" + String(repeating: "  ", count: depth) }
        while index < characters.count {
            let character = characters[index]
            defer { index += 1 }
            if inString {
                out.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true; out.append(character)
            case "{", "[":
                let closing: Character = character == "{" ? "}" : "]"
                if index + 1 < characters.count, characters[index + 1] == closing {
                    out.append(character); out.append(closing); index += 1
                } else {
                    out.append(character); depth += 1; newline()
                }
            case "}", "]": depth -= 1; newline(); out.append(character)
            case ",": out.append(character); newline()
            case ":": out += ": "
            case " ", "\n", "\t", "\r": break
            default: out.append(character)
            }
        }
        return out
    }
}
