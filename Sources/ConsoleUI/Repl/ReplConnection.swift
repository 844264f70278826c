import ConnCore

/// Everything the REPL talks to, for one endpoint: the client with its pool, the user's
/// session, the health prober and the statistics they feed. `connect host port` builds a new
/// one and shuts the old one down.
public final class ReplConnection {
    public let settings: ConnectionSettings
    public let client: RedisClient
    public let session: ClientSession
    public let statistics: StatisticsSource
    private let prober: HealthProber
    public let faults: FaultInjector
    public let load: ConsoleLoad

    /// `probeInterval`: seconds between health probes (default: the pool's health interval).
    public init(settings: ConnectionSettings, pool: PoolSettings, retry: RetrySettings, events: EventLog,
                probeInterval: Double? = nil) throws(ConsoleError) {
        self.settings = settings
        let factory = try ConnectionFactory(settings: settings)
        client = RedisClient(factory: factory, pool: pool, retry: retry, events: events)
        session = client.makeSession()
        prober = HealthProber(factory: factory, interval: probeInterval ?? pool.healthInterval, events: events)
        statistics = StatisticsSource(client: client, health: prober)
        faults = FaultInjector(factory: factory, events: events)
        load = ConsoleLoad(client: client)
    }

    /// Starts the pool's upkeep and the health prober (one probe at once, so `:health` has
    /// something to show).
    public func start() {
        client.pool.startMaintenance()
        prober.start()
    }

    public var endpoint: String { Endpoint.describe(host: settings.host, port: settings.port) }

    public func shutdown() {
        load.stop()
        session.close()
        prober.stop()
        client.shutdown()
    }
}
