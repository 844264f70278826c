import Foundation
import Synchronization

/// A certificate and its private key, as PEM file paths.
public struct CertificatePair: Sendable, Equatable {
    public var certificate: String
    public var key: String

    public init(certificate: String, key: String) {
        self.certificate = certificate
        self.key = key
    }
}

/// Certificates generated once per test process by `certs/generate-test-certs.sh` into a
/// temporary directory: the good CA/server/client set plus every broken server certificate the
/// negative TLS tests need. Thread-safe; the first caller generates, everyone else waits.
public struct TestCertificates: Sendable {
    /// The server certificates available, by what is wrong with them.
    public enum Server: String, Sendable, CaseIterable {
        case good = "server"          // localhost, 127.0.0.1, ::1; signed by ca.crt
        case expired                  // notAfter yesterday
        case notYetValid = "notyet"   // notBefore in 30 days
        case wrongHost = "wronghost"  // SAN only DNS:wrong.example.com
        case unknownCA = "unknownca"  // signed by other-ca.crt, which clients are not given
        case selfSigned = "selfsigned"
        case expiring5 = "expiring5"  // 5 days left: critical
        case expiring20 = "expiring20" // 20 days left: warning
    }

    /// The directory holding every file.
    public let directory: String

    /// The CA that signed the good certificates: what clients trust.
    public var caCertificate: String { file("ca.crt") }
    public var ca: CertificatePair { pair("ca") }
    /// The CA nobody trusts (issuer of `.unknownCA` and `unknownCAClient`).
    public var otherCA: CertificatePair { pair("other-ca") }
    /// Client certificate for mutual TLS, signed by `ca.crt`.
    public var client: CertificatePair { pair("client") }
    /// A client certificate a server trusting `ca.crt` must reject.
    public var unknownCAClient: CertificatePair { pair("unknownca-client") }

    public func server(_ kind: Server = .good) -> CertificatePair { pair(kind.rawValue) }

    public func file(_ name: String) -> String { directory + "/" + name }

    private func pair(_ base: String) -> CertificatePair {
        CertificatePair(certificate: file(base + ".crt"), key: file(base + ".key"))
    }

    // MARK: - Generated once per process

    private static let cache = Mutex<TestCertificates?>(nil)

    /// The certificates for this test process, generating them on first use.
    public static func shared() throws -> TestCertificates {
        try cache.withLock { cached in
            if let cached { return cached }
            let made = try generate()
            cached = made
            return made
        }
    }

    private static func generate() throws -> TestCertificates {
        let script = Repository.path("certs/generate-test-certs.sh")
        guard FileManager.default.fileExists(atPath: script) else {
            throw TestSupportError("certificate script missing: \(script)")
        }
        guard ProcessRunner.which("openssl") != nil else {
            throw TestSupportError("openssl not found on PATH: the TLS tests need it (Debian: apt-get install openssl)")
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("redis-console-certs-\(getpid())-\(UUID().uuidString.prefix(8))").path
        let result = try ProcessRunner.run("/bin/bash", [script, directory], timeout: .seconds(60))
        guard result.status == 0 else {
            throw TestSupportError("""
                certs/generate-test-certs.sh failed (exit \(result.status)):
                \(result.stderr)\(result.stdout)
                """)
        }
        removeAtExit(directory)
        return TestCertificates(directory: directory)
    }

    /// Temporary key material should not outlive the test process.
    private static func removeAtExit(_ directory: String) {
        pendingRemoval.withLock { $0.append(directory) }
        _ = registerCleanupOnce
    }

    private static let pendingRemoval = Mutex<[String]>([])
    private static let registerCleanupOnce: Void = {
        atexit {
            for directory in TestCertificates.pendingRemoval.withLock({ $0 }) {
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
    }()
}
