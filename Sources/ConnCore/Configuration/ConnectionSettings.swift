/// Which rules apply. Production cannot weaken TLS, verification or password handling.
public enum Profile: String, Sendable, Equatable, CaseIterable {
    case development, testing, production
}

/// The TLS half of a connection's settings. Secure by default: verification is on unless the
/// user said `--insecure` (refused in production).
public struct TLSSettings: Sendable, Equatable {
    public static let defaultCiphers =
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
        + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
    public static let defaultCiphersuites =
        "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"

    public var enabled: Bool = false
    /// PEM file of trusted CAs; with neither this nor `caDirectory`, the system store is used.
    public var caFile: String? = nil
    public var caDirectory: String? = nil
    public var certificateFile: String? = nil
    public var keyFile: String? = nil
    /// `--sni`: the name sent in the ClientHello. Sending it verifies nothing.
    public var sni: String? = nil
    /// `--tls-server-name`: the name the certificate must carry, when it is not the host we dial
    /// (a tunnel to 127.0.0.1, say).
    public var expectedServerName: String? = nil
    /// False only with `--insecure`.
    public var verifyPeer: Bool = true
    public var ciphers: String = TLSSettings.defaultCiphers
    public var ciphersuites: String = TLSSettings.defaultCiphersuites

    public init() {}
}

/// Everything needed to open and prepare one connection.
public struct ConnectionSettings: Sendable, Equatable {
    public var host: String = "127.0.0.1"
    public var port: Int = 6379
    public var username: String? = nil
    public var password: Secret? = nil
    public var database: Int = 0
    public var clientName: String? = "redis-console"
    /// Seconds.
    public var connectTimeout: Double = 5
    /// Seconds a single request may take before the connection is given up.
    public var operationTimeout: Double = 5
    /// TCP keepalive idle time in seconds; 0 turns keepalive off.
    public var keepalive: Double = 15
    public var tls = TLSSettings()

    public init() {}

    /// The name the server certificate must match: the override, else the host we dial.
    public var verifiedName: String { tls.expectedServerName ?? host }
}
