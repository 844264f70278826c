/// What the pool looks like at one moment: an immutable value the UI reads without waiting
/// on any I/O.
public struct PoolStats: Sendable, Equatable {
    public var maxSize: Int
    /// Every connection counted against `maxSize`: in use, idle, being opened or checked.
    public var open: Int
    public var inUse: Int
    public var idle: Int
    public var opening: Int
    public var checking: Int
    public var waiters: Int
    public var created: Int
    public var closedByReason: [CloseReason: Int]
    /// Connections that could not be opened (server down, TLS failure).
    public var openFailures: Int
    /// Acquires that gave up with "pool exhausted".
    public var exhaustedCount: Int
    public var cancelledWaits: Int
    public var peakInUse: Int
    public var peakWaiters: Int
    /// Seconds an acquire waited for a connection (0 when one was free).
    public var acquireWaitP50: Double
    public var acquireWaitP99: Double
    public var acquireCount: Int


    public init(maxSize: Int,
                open: Int,
                inUse: Int,
                idle: Int,
                opening: Int,
                checking: Int,
                waiters: Int,
                created: Int,
                closedByReason: [CloseReason: Int],
                openFailures: Int,
                exhaustedCount: Int,
                cancelledWaits: Int,
                peakInUse: Int,
                peakWaiters: Int,
                acquireWaitP50: Double,
                acquireWaitP99: Double,
                acquireCount: Int) {
        self.maxSize = maxSize
        self.open = open
        self.inUse = inUse
        self.idle = idle
        self.opening = opening
        self.checking = checking
        self.waiters = waiters
        self.created = created
        self.closedByReason = closedByReason
        self.openFailures = openFailures
        self.exhaustedCount = exhaustedCount
        self.cancelledWaits = cancelledWaits
        self.peakInUse = peakInUse
        self.peakWaiters = peakWaiters
        self.acquireWaitP50 = acquireWaitP50
        self.acquireWaitP99 = acquireWaitP99
        self.acquireCount = acquireCount
    }

    public var closed: Int { closedByReason.values.reduce(0, +) }

    /// "error 3, stale 50": reasons with a count, in a fixed order.
    public var closedSummary: String {
        let parts = CloseReason.allCases.compactMap { reason in
            closedByReason[reason].map { "\(reason.rawValue) \($0)" }
        }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
