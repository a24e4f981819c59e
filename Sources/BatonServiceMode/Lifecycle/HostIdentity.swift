import BatonServiceProto
import Foundation

/// Who this process is to ConductorOne: the host id every request carries, and the build and
/// OS details of `Hello`.
package struct HostIdentity: Sendable {
    /// `BATON_HOST_ID`, else the hostname, else `baton-sdk`; 1 to 256 characters.
    package let hostId: String
    package let buildInfo: C1_Connectorapi_Baton_V1_BatonServiceHelloRequest.BuildInfo
    package let osInfo: C1_Connectorapi_Baton_V1_BatonServiceHelloRequest.OSInfo

    package init(hostIdOverride: String?, package: String, version: String) {
        let hostname = ProcessInfo.processInfo.hostName
        let chosen = hostIdOverride.flatMap { $0.isEmpty ? nil : $0 } ?? (hostname.isEmpty ? "baton-sdk" : hostname)
        hostId = String(chosen.prefix(256))

        var build = C1_Connectorapi_Baton_V1_BatonServiceHelloRequest.BuildInfo()
        build.langVersion = Self.swiftVersion
        build.package = Self.field(package)
        build.packageVersion = Self.field(version)
        buildInfo = build

        let release = OSRelease.current()
        let kernel = Self.uname()
        var os = C1_Connectorapi_Baton_V1_BatonServiceHelloRequest.OSInfo()
        os.hostname = Self.field(hostname)
        #if os(Linux)
            os.os = "linux"
        #elseif os(macOS)
            os.os = "darwin"
        #else
            os.os = "unknown"
        #endif
        // ConductorOne expects every field present, so unknown ones get placeholders, as the SDK does.
        os.platform = Self.field(release["ID"], placeholder: "unknown")
        os.platformVersion = Self.field(release["VERSION_ID"], placeholder: "unknown")
        os.platformFamily = Self.field(
            release["ID_LIKE"]?.split(separator: " ").first.map(String.init) ?? release["ID"], placeholder: "unknown")
        os.kernelVersion = Self.field(kernel.release, placeholder: "unknown")
        os.kernelArch = Self.field(kernel.machine, placeholder: "unknown")
        os.virtualizationSystem = Self.field(Self.virtualization(), placeholder: "none")
        osInfo = os
    }

    private static var swiftVersion: String {
        #if swift(>=6.3)
            "swift6.3"
        #elseif swift(>=6.2)
            "swift6.2"
        #else
            "swift6"
        #endif
    }

    private static func field(_ value: String?, placeholder: String = "unknown") -> String {
        guard let value, !value.isEmpty else { return placeholder }
        return String(value.prefix(256))
    }

    private static func uname() -> (release: String?, machine: String?) {
        var names = utsname()
        guard Foundation.uname(&names) == 0 else { return (nil, nil) }
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return (text(names.release), text(names.machine))
    }

    /// "docker", "kubernetes" or nil, from the usual markers.
    private static func virtualization() -> String? {
        if ProcessInfo.processInfo.environment["KUBERNETES_SERVICE_HOST"] != nil { return "kubernetes" }
        if FileManager.default.fileExists(atPath: "/.dockerenv") { return "docker" }
        return nil
    }
}

/// `/etc/os-release` as key/value pairs.
enum OSRelease {
    static func current() -> [String: String] {
        guard let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) else { return [:] }
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            values[String(parts[0])] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return values
    }
}
