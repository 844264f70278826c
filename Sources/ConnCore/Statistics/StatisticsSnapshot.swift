/// One certificate with what its dates mean at the moment of the snapshot.
public struct CertificateStatus: Sendable, Equatable {
    public var certificate: CertificateInfo
    public var daysLeft: Int
    /// ok > 30 days, warning <= 30, critical <= 7, expired.
    public var level: CertificateInfo.ExpiryLevel

    public init(_ certificate: CertificateInfo, now: Int64) {
        self.certificate = certificate
        self.daysLeft = certificate.daysLeft(now: now)
        self.level = certificate.expiryLevel(now: now)
    }
}

/// Everything the UI shows about the connection machinery at one moment, as immutable values:
/// read at any time from any thread, never waiting on the network.
public struct StatisticsSnapshot: Sendable, Equatable {
    /// Wall-clock seconds (UTC) when it was taken.
    public var time: Double
    public var endpoint: String
    public var pool: PoolStats
    /// Version, cipher, handshake time and resumption rate; nil latest session when plaintext.
    public var tls: TLSStatistics
    public var isTLS: Bool
    /// The server's chain as last seen, leaf first.
    public var serverCertificates: [CertificateStatus]
    /// Our own certificate (mutual TLS), when one is configured.
    public var clientCertificate: CertificateStatus?
    /// Oldest first.
    public var health: [HealthSample]
    public var latency: LatencySummary
    /// Retries, reconnects, closed connections, health transitions; oldest first.
    public var events: [ConsoleEvent]

    public init(time: Double,
                endpoint: String,
                pool: PoolStats,
                tls: TLSStatistics,
                isTLS: Bool,
                serverCertificates: [CertificateStatus],
                clientCertificate: CertificateStatus?,
                health: [HealthSample],
                latency: LatencySummary,
                events: [ConsoleEvent]) {
        self.time = time
        self.endpoint = endpoint
        self.pool = pool
        self.tls = tls
        self.isTLS = isTLS
        self.serverCertificates = serverCertificates
        self.clientCertificate = clientCertificate
        self.health = health
        self.latency = latency
        self.events = events
    }
}
