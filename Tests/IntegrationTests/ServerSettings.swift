import Testing
import ConnCore
import TestSupport

/// Connection settings that reach a test server over TLS (or plaintext), trusting the run's CA.
func tlsSettings(_ server: RedisServer, certificates: TestCertificates, host: String = "127.0.0.1",
                 password: String? = nil) -> ConnectionSettings {
    var settings = ConnectionSettings()
    settings.host = host
    settings.port = server.tlsPort ?? 0
    settings.password = Secret(password)
    settings.connectTimeout = 3
    settings.operationTimeout = 3
    settings.tls.enabled = true
    settings.tls.caFile = certificates.caCertificate
    return settings
}

func plainSettings(_ server: RedisServer, password: String? = nil) -> ConnectionSettings {
    var settings = ConnectionSettings()
    settings.port = server.port ?? 0
    settings.password = Secret(password)
    settings.connectTimeout = 3
    settings.operationTimeout = 3
    return settings
}

/// The error `body` throws; records an issue when it throws none.
func consoleError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> ConsoleError? {
    do {
        try body()
        Issue.record("expected a ConsoleError, got success", sourceLocation: sourceLocation)
    } catch let error as ConsoleError {
        return error
    } catch {
        Issue.record("expected a ConsoleError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// A TLS redis-server and a client on it for the length of `body`; both stopped afterwards,
/// also when `body` throws.
func withTLSClient(pool: PoolSettings = PoolSettings(), _ body: (RedisClient) throws -> Void) throws {
    let certificates = try TestCertificates.shared()
    let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
    defer { server.stop() }
    let client = RedisClient(factory: try ConnectionFactory(settings: tlsSettings(server, certificates: certificates)),
                             pool: pool, learnsCommandFlags: false)
    defer { client.shutdown() }
    try body(client)
}
