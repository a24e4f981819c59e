import BatonKit
import Foundation
import NIOSSL

/// The certificate authorities we trust for ConductorOne: the system's bundle, plus
/// `SSL_CERT_FILE` and every certificate file in the `SSL_CERT_DIR` folders when they are set,
/// as Go programs (the Go connector among them) read them. A company's private CA, or a test CA,
/// is trusted this way without touching the system store.
package struct TrustRoots: Sendable {
    /// Every trusted certificate, PEM-encoded, one after another.
    package let pemBundle: String
    package let certificateCount: Int

    /// Bundles the system store checks first (the same list Go uses on Linux).
    static let systemBundles = [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ssl/ca-bundle.pem",
        "/etc/pki/tls/cacert.pem",
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
        "/etc/ssl/cert.pem",
    ]

    package init(environment: [String: String]) throws {
        var pems: [String] = []
        if let system = Self.systemBundles.lazy.compactMap(Self.readCertificates).first { pems.append(system) }
        if let file = environment["SSL_CERT_FILE"], !file.isEmpty {
            guard let text = Self.readCertificates(file) else {
                throw BatonError.invalidArgument("SSL_CERT_FILE \(file) is not a readable file of PEM certificates")
            }
            pems.append(text)
        }
        if let dirs = environment["SSL_CERT_DIR"], !dirs.isEmpty {
            for dir in dirs.split(separator: ":").map(String.init) {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
                // Files that are not certificates (hash links' targets may repeat, READMEs) are skipped, as Go does.
                for name in names.sorted() { if let text = Self.readCertificates(dir + "/" + name) { pems.append(text) } }
            }
        }
        pemBundle = pems.joined(separator: "\n")
        certificateCount = (try? NIOSSLCertificate.fromPEMBytes(Array(pemBundle.utf8)).count) ?? 0
    }

    /// The certificates as NIOSSL trust roots (the system default when nothing was found).
    package var nioTrustRoots: NIOSSLTrustRoots {
        guard certificateCount > 0, let certificates = try? NIOSSLCertificate.fromPEMBytes(Array(pemBundle.utf8)) else {
            return .default
        }
        return .certificates(certificates)
    }

    /// The file's text when it holds at least one PEM certificate that parses.
    private static func readCertificates(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path), data.count < 16 << 20,
            let text = String(data: data, encoding: .utf8), text.contains("-----BEGIN CERTIFICATE-----"),
            let parsed = try? NIOSSLCertificate.fromPEMBytes(Array(data)), !parsed.isEmpty
        else { return nil }
        return text
    }
}
