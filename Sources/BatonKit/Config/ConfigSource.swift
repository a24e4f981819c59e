import Foundation
import Yams

/// The places a setting can come from besides the command line: `BATON_*` environment
/// variables and the YAML config file (docs/baton-conventions.md, "Configuration"). Precedence is flag > env > file; the flag is
/// handled by the caller, which passes its parsed value (nil when absent) to the typed getters.
///
/// Every getter takes the option's long name (`"sync-resource-types"`); the env name is derived
/// (`BATON_SYNC_RESOURCE_TYPES`) and the YAML key is the long name itself. The same source serves
/// the standard flags (``BatonOptions``) and a connector's own (`--token`, `--region`, ...).
package struct ConfigSource: Sendable {
    /// Where a resolved value came from, for error messages.
    package enum Origin: Sendable, Equatable, CustomStringConvertible {
        case flag(String), environment(String), file(String, key: String)
        package var description: String {
            switch self {
            case .flag(let name): "--\(name)"
            case .environment(let name): name
            case .file(let path, let key): "\(key) in \(path)"
            }
        }
    }

    package let environment: [String: String]
    /// Top-level YAML keys: scalars as one string, sequences as several.
    package let fileValues: [String: [String]]
    package let filePath: String?

    package init(environment: [String: String] = [:], fileValues: [String: [String]] = [:], filePath: String? = nil) {
        self.environment = environment
        self.fileValues = fileValues
        self.filePath = filePath
    }

    /// Loads the config file named by `$BATON_CONFIG_PATH` (must end `.yaml`/`.yml`), or
    /// `./.baton.yaml` when present, and keeps `environment` for `BATON_*` lookups.
    package static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws -> ConfigSource {
        var path: String?
        if let explicit = environment["BATON_CONFIG_PATH"], !explicit.isEmpty {
            guard explicit.hasSuffix(".yaml") || explicit.hasSuffix(".yml") else {
                throw BatonError.invalidArgument("BATON_CONFIG_PATH must end in .yaml or .yml: \(explicit)")
            }
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw BatonError.invalidArgument("config file not found: \(explicit)")
            }
            path = explicit
        } else {
            let fallback = (currentDirectory as NSString).appendingPathComponent(".baton.yaml")
            if FileManager.default.fileExists(atPath: fallback) { path = fallback }
        }
        guard let path else { return ConfigSource(environment: environment) }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
            size.intValue > maxFileBytes
        {
            throw BatonError.invalidArgument(
                "config file \(path) is larger than \(maxFileBytes / 1024) KiB; a Baton config is a short list of options")
        }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw BatonError.invalidArgument("cannot read config file \(path)")
        }
        return ConfigSource(environment: environment, fileValues: try parseYAML(text, path: path), filePath: path)
    }

    /// Parses a config file's text: a mapping of long names to scalars or lists of scalars.
    ///
    /// The file is read as a node tree and walked only as deep as that shape allows (a key, a
    /// scalar or a list of scalars), never expanded into values: aliases share nodes in the tree,
    /// so an alias bomb costs nothing here and fails the shape check instead of expanding.
    package static func parseYAML(_ text: String, path: String) throws -> [String: [String]] {
        guard text.utf8.count <= maxFileBytes else {
            throw BatonError.invalidArgument(
                "config file \(path) is larger than \(maxFileBytes / 1024) KiB; a Baton config is a short list of options")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw BatonError.invalidArgument("config file \(path) is not valid YAML")
        }
        guard let root else { return [:] }
        if case .scalar = root, root.null != nil { return [:] }
        guard case .mapping(let mapping) = root else {
            throw BatonError.invalidArgument("config file \(path) must be a mapping of option names to values")
        }
        var values: [String: [String]] = [:]
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key else {
                throw BatonError.invalidArgument("config file \(path): option names must be plain words")
            }
            let name = keyScalar.string
            switch value {
            case .scalar(let scalar):
                values[name] = [scalarText(scalar)]
            case .sequence(let list):
                values[name] = try list.map { item in
                    guard case .scalar(let scalar) = item else {
                        throw BatonError.invalidArgument("config file \(path): \(name) must be a list of values, not of lists or mappings")
                    }
                    return scalarText(scalar)
                }
            case .mapping:
                throw BatonError.invalidArgument("config file \(path): \(name) must be a value or a list, not a mapping")
            }
        }
        return values
    }

    /// Largest config file read: far beyond any real one, small enough to parse at once.
    package static let maxFileBytes = 256 * 1024

    /// A scalar as the option parsers read it: booleans as true/false, null as "".
    private static func scalarText(_ scalar: Node.Scalar) -> String {
        let node = Node.scalar(scalar)
        if scalar.style == .plain || scalar.style == .any {
            if node.null != nil { return "" }
            if let bool = node.bool { return bool ? "true" : "false" }
        }
        return scalar.string
    }

    /// `BATON_` + the long name upper-cased with `-` → `_`.
    package static func environmentName(_ longName: String) -> String {
        "BATON_" + longName.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The raw env or file value for `longName` (env first), with where it came from.
    package func lookup(_ longName: String) -> (values: [String], origin: Origin)? {
        let envName = Self.environmentName(longName)
        if let value = environment[envName], !value.isEmpty { return ([value], .environment(envName)) }
        if let values = fileValues[longName] { return (values, .file(filePath ?? "config file", key: longName)) }
        return nil
    }

    /// A string option: the flag value, else env, else file.
    package func string(_ flag: String?, _ longName: String) -> String? {
        if let flag { return flag }
        guard let found = lookup(longName) else { return nil }
        return found.values.joined(separator: ",")
    }

    /// A boolean flag: true when given on the command line, else env/file parsed as a boolean.
    package func bool(_ flag: Bool, _ longName: String) throws -> Bool {
        if flag { return true }
        guard let found = lookup(longName) else { return false }
        let text = found.values.joined(separator: ",")
        switch text.lowercased() {
        case "true", "1", "yes", "on", "t": return true
        case "false", "0", "no", "off", "f", "": return false
        default: throw BatonError.invalidArgument("invalid value \"\(text)\" for \(found.origin): expected true or false")
        }
    }

    /// An integer option; a value that is not a whole number is an error naming its origin.
    package func int(_ flag: Int?, _ longName: String) throws -> Int? {
        if let flag { return flag }
        guard let found = lookup(longName) else { return nil }
        let text = found.values.joined(separator: ",").trimmingCharacters(in: .whitespaces)
        guard let value = Int(text) else {
            throw BatonError.invalidArgument("invalid value \"\(text)\" for \(found.origin): expected an integer")
        }
        return value
    }

    /// A list option: repeated flags and comma lists are both accepted; env/file used when no flag was given.
    package func list(_ flag: [String], _ longName: String) -> [String] {
        let raw = flag.isEmpty ? (lookup(longName)?.values ?? []) : flag
        return raw.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
