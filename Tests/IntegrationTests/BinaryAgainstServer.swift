import TestSupport

/// The built `redis-console` and the run's certificates, with the flags that reach a TLS test
/// server: what every end-to-end test of a mode starts from.
struct BinaryAgainstServer {
    let certificates: TestCertificates
    let binary: String

    init() throws {
        certificates = try TestCertificates.shared()
        binary = try BinaryLocator.redisConsole()
    }

    /// A TLS-only redis-server trusting the run's CA; stop it when done.
    func server() throws -> RedisServer {
        try RedisServer(.init(plaintext: false, tls: .using(certificates)))
    }

    func tlsArguments(_ server: RedisServer) -> [String] {
        ["--tls", "--cacert", certificates.caCertificate, "-h", "127.0.0.1", "-p", "\(server.tlsPort ?? 0)"]
    }
}
