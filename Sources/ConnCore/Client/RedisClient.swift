import Glibc
import Synchronization

/// The connection factory made usable: one pool, the retry policy, which commands are safe to
/// send again, latency figures and the event log, shared by every session of the process.
/// Sessions (`ClientSession`) run the commands; this holds what they share.
public final class RedisClient: Sendable {
    public let pool: ConnectionPool
    public let retry: RetrySettings
    public let catalog: CommandCatalog
    public let latency: LatencyRecorder
    public var events: EventLog { pool.events }
    public var factory: ConnectionFactory { pool.factory }
    private let random: Mutex<SeededRandomSource>
    private let learning = Mutex<BackgroundThread?>(nil)
    private let learnsCommandFlags: Bool

    /// `learnsCommandFlags`: fetch the server's `COMMAND` table in the background after the
    /// first connection, so read-only commands are known from the server itself (the built-in
    /// table is used until then, and for good when COMMAND is refused). One-shot commands skip it.
    public init(factory: ConnectionFactory, pool settings: PoolSettings = PoolSettings(),
                retry: RetrySettings = RetrySettings(), events: EventLog = EventLog(),
                randomSeed: UInt64? = nil, learnsCommandFlags: Bool = true) {
        self.pool = ConnectionPool(factory: factory, settings: settings, events: events)
        self.retry = retry
        self.catalog = CommandCatalog()
        self.latency = LatencyRecorder()
        self.random = Mutex(SeededRandomSource(seed: randomSeed ?? UInt64.random(in: .min ... .max)))
        self.learnsCommandFlags = learnsCommandFlags
    }

    public func makeSession() -> ClientSession {
        ClientSession(client: self)
    }

    /// The delay before retry `n` (0-based), with jitter from the client's random source.
    func backoffDelay(retry n: Int) -> Double {
        random.withLock { source in retry.backoff.delay(retry: n, using: &source) }
    }

    /// Starts learning command flags once, after a connection proved the server reachable.
    func learnCommandFlagsOnce() {
        guard learnsCommandFlags else { return }
        learning.withLock { thread in
            guard thread == nil else { return }
            thread = BackgroundThread { [factory, catalog, events] in
                do throws(ConsoleError) {
                    let connection = try factory.connect()
                    defer { connection.close() }
                    let reply = try connection.request(["COMMAND"], timeout: .seconds(factory.settings.operationTimeout))
                    if reply.isError {
                        events.record(.error, "COMMAND was refused; using the built-in table of read-only commands")
                    } else {
                        catalog.learn(fromCommandInfo: reply)
                    }
                } catch {
                    events.record(.error, "could not read the server's command table (\(error.message)); using the built-in one")
                }
            }
        }
    }

    /// Waits until the command table was read (or failed); for tests and benchmarks.
    public func waitForCommandFlags() {
        let thread = learning.withLock { $0 }
        thread?.join()
    }

    public func shutdown() {
        waitForCommandFlags()
        pool.shutdown()
    }

    /// Sleeps `seconds` unless cancelled first; false when cancelled.
    static func sleep(_ seconds: Double, cancellation: CancellationToken?) -> Bool {
        let end = Deadline.after(seconds: seconds)
        while !end.hasPassed {
            if cancellation?.isCancelled == true { return false }
            let slice = min(Int32(50), end.remainingMilliseconds)
            usleep(useconds_t(max(1, slice)) * 1000)
        }
        return cancellation?.isCancelled != true
    }
}
