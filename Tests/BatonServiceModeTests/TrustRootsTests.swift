import BatonKit
import FakeConductorOne
import Foundation
import Testing

@testable import BatonServiceMode

@Suite struct TrustRootsTests {
    private func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "trust-roots-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func sslCertFileAddsItsCertificatesToTheSystemStore() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ca = try TestCertificateAuthority()
        try ca.writeCACertificate(to: folder + "/ca.pem")

        let system = try TrustRoots(environment: [:])
        let extended = try TrustRoots(environment: ["SSL_CERT_FILE": folder + "/ca.pem"])
        #expect(extended.certificateCount == system.certificateCount + 1)
        #expect(extended.pemBundle.contains(ca.caCertificatePEM.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func sslCertDirAddsEveryCertificateFileAndSkipsTheRest() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestCertificateAuthority().writeCACertificate(to: folder + "/one.pem")
        try TestCertificateAuthority().writeCACertificate(to: folder + "/two.crt")
        try "not a certificate".write(toFile: folder + "/README", atomically: true, encoding: .utf8)

        let system = try TrustRoots(environment: [:])
        let extended = try TrustRoots(environment: ["SSL_CERT_DIR": folder])
        #expect(extended.certificateCount == system.certificateCount + 2)
    }

    @Test func anSSLCertFileWithoutCertificatesIsAOneLineError() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "junk".write(toFile: folder + "/bad.pem", atomically: true, encoding: .utf8)
        for path in [folder + "/bad.pem", folder + "/missing.pem"] {
            #expect { try TrustRoots(environment: ["SSL_CERT_FILE": path]) } throws: { error in
                (error as? BatonError)?.code == .invalidArgument && (error as? BatonError)?.message.contains("SSL_CERT_FILE") == true
            }
        }
    }
}
