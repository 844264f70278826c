/// The pool's limits, from `--pool-size`, `--pool-timeout`, `--pool-min-idle` and
/// `--health-interval`.
public struct PoolSettings: Sendable, Equatable {
    /// Connections open at once, in use or idle, never more.
    public var maxSize: Int = 50
    /// Idle connections kept open ahead of demand (0: created on demand only).
    public var minIdle: Int = 0
    /// Seconds an acquire waits for a free connection before "pool exhausted".
    public var acquireTimeout: Double = 5
    /// Seconds between PINGs of an idle connection; a failed PING closes it.
    public var healthInterval: Double = 30

    public init() {}
}

/// Why the pool closed a connection: counted per reason in `PoolStats`.
public enum CloseReason: String, Sendable, Equatable, CaseIterable, Comparable {
    /// A timeout, I/O or protocol error: it may hold an unread reply.
    case error
    /// Cancelled while a command was in flight.
    case cancelled
    /// Found closed by the server (restart, CLIENT KILL, idle timeout) before it was used.
    case stale
    /// Its idle health check (PING) failed.
    case healthCheck = "health check"
    /// It carried session state (SUBSCRIBE, MONITOR, CLIENT TRACKING, ...).
    case stateful
    case shutdown

    public static func < (lhs: CloseReason, rhs: CloseReason) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// "pool exhausted: 50/50 in use, waited 5.0 s", as a value the error is built from.
public struct PoolExhaustion: Sendable, Equatable {
    public var inUse: Int
    public var maxSize: Int
    public var waited: Double
    /// Not exhaustion at all: the pool was shut down (the process is ending).
    public var isShutdown = false

    public var message: String {
        if isShutdown { return "not executed: the connection pool was shut down" }
        return "pool exhausted: \(inUse)/\(maxSize) in use, waited \(Figures.decimal(max(0, waited), places: 1)) s"
    }

    public var error: ConsoleError {
        if isShutdown { return ConsoleError(.cancelled, message, hint: "nothing was sent; the console is closing") }
        return ConsoleError(.poolExhausted, message,
                     hint: "commands are holding every connection (blocking commands, slow replies); raise --pool-size or --pool-timeout, or wait for them to finish")
    }
}

