/// Assembles `StatisticsSnapshot`s from the client's parts. Each part is behind its own short
/// lock, none held during I/O, so a snapshot is cheap enough for a 4 Hz dashboard.
public final class StatisticsSource: Sendable {
    public let client: RedisClient
    public let health: HealthProber?
    private let clientCertificate: CertificateInfo?

    public init(client: RedisClient, health: HealthProber?) {
        self.client = client
        self.health = health
        let settings = client.factory.settings
        self.clientCertificate = settings.tls.certificateFile.flatMap { CertificateInfo.load(pemFile: $0)?.first }
    }

    public func snapshot(now: Double = WallClock.now(), seriesLength: Int = 60) -> StatisticsSnapshot {
        let settings = client.factory.settings
        let tls = client.pool.tlsStatistics()
        let seconds = Int64(now)
        return StatisticsSnapshot(
            time: now,
            endpoint: Endpoint.describe(host: settings.host, port: settings.port),
            pool: client.pool.stats(),
            tls: tls,
            isTLS: settings.tls.enabled,
            serverCertificates: (tls.latest?.peerChain ?? []).map { CertificateStatus($0, now: seconds) },
            clientCertificate: clientCertificate.map { CertificateStatus($0, now: seconds) },
            health: health?.history() ?? [],
            latency: client.latency.summary(now: now, seriesLength: seriesLength),
            events: client.events.events())
    }
}
