import Crypto
import Foundation
import NIOSSL
import X509

/// A certificate authority made on the spot, and the server certificate it signs for the fake.
///
/// The connector talks TLS to ConductorOne with the system trust store, so a test points
/// `SSL_CERT_FILE` at ``writeCACertificate(to:)``'s file (or hands ``caCertificatePEM`` to a
/// client's trust roots) and the fake is trusted without any private test-only switch.
package struct TestCertificateAuthority: Sendable {
    /// The self-signed CA certificate, PEM.
    package let caCertificatePEM: String
    /// The server (leaf) certificate for `127.0.0.1` and `localhost`, PEM, signed by the CA.
    package let leafCertificatePEM: String
    /// The leaf's P-256 private key, PKCS#8 PEM.
    package let leafPrivateKeyPEM: String

    /// Makes a new CA and leaf, valid from an hour ago (clock skew) until a day from now.
    ///
    /// - Parameter now: the reference time; tests may pass a fixed one.
    package init(now: Date = Date()) throws {
        let notBefore = now.addingTimeInterval(-3600)
        let notAfter = now.addingTimeInterval(86_400)

        let caKey = P256.Signing.PrivateKey()
        let caPublicKey = Certificate.PublicKey(caKey.publicKey)
        let caName = try DistinguishedName {
            OrganizationName("baton-segment tests")
            CommonName("Fake ConductorOne test CA")
        }
        let caCertificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: caPublicKey,
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: caName,
            subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: caPublicKey)
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey)
        )

        let leafKey = P256.Signing.PrivateKey()
        let leafPublicKey = Certificate.PublicKey(leafKey.publicKey)
        let leafCertificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: leafPublicKey,
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: caName,
            subject: try DistinguishedName {
                OrganizationName("baton-segment tests")
                CommonName("localhost")
            },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                // The connector dials BATON_C1_API_HOST=127.0.0.1:PORT, so the IP must be named;
                // localhost is there for clients that resolve the name instead.
                SubjectAlternativeNames([
                    .ipAddress(.init(contentBytes: [127, 0, 0, 1])),
                    .dnsName("localhost"),
                ])
                SubjectKeyIdentifier(hash: leafPublicKey)
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: caPublicKey).keyIdentifier)
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey)
        )

        self.caCertificatePEM = try caCertificate.serializeAsPEM().pemString
        self.leafCertificatePEM = try leafCertificate.serializeAsPEM().pemString
        self.leafPrivateKeyPEM = leafKey.pemRepresentation
    }

    /// The CA certificate as NIOSSL wants it for a client's trust roots.
    package func caCertificate() throws -> NIOSSLCertificate {
        try NIOSSLCertificate(bytes: Array(caCertificatePEM.utf8), format: .pem)
    }

    /// The leaf certificate as NIOSSL wants it for a server's chain.
    package func leafCertificate() throws -> NIOSSLCertificate {
        try NIOSSLCertificate(bytes: Array(leafCertificatePEM.utf8), format: .pem)
    }

    /// The leaf private key as NIOSSL wants it.
    package func leafPrivateKey() throws -> NIOSSLPrivateKey {
        try NIOSSLPrivateKey(bytes: Array(leafPrivateKeyPEM.utf8), format: .pem)
    }

    /// Writes the CA certificate (PEM) to `path`, for `SSL_CERT_FILE` in a child process.
    package func writeCACertificate(to path: String) throws {
        try Data(caCertificatePEM.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
