import Histogram

public typealias ConnectionID = Int
public typealias WaiterID = Int

/// What the pool driver must do next. The state machine decides; the driver does the I/O.
public enum PoolAction: Sendable, Equatable {
    /// Hand an idle connection to the caller (or a queued waiter) to use.
    case use(ConnectionID, WaiterID)
    /// The caller (or a queued waiter) may open connection `ConnectionID`: a slot is reserved.
    case create(ConnectionID, WaiterID)
    /// Open a connection to keep idle (minimum idle); nobody waits for it.
    case createIdle(ConnectionID)
    /// Close this connection; it is no longer counted.
    case close(ConnectionID, CloseReason)
    /// PING this idle connection; report `checkPassed` or `checkFailed`.
    case check(ConnectionID)
    /// This waiter gets no connection.
    case fail(WaiterID, PoolExhaustion)
}

/// The pool as a value: events in, actions out, time passed in by the caller. No I/O, no
/// clock, no threads, so every rule is tested by feeding events (after valkey-swift and
/// async-http-client). Invariant: idle + leased + opening + checking <= maxSize.
public struct PoolStateMachine: Sendable {
    struct Idle: Sendable, Equatable {
        var id: ConnectionID
        var lastChecked: Double
    }

    struct Waiter: Sendable, Equatable {
        var id: WaiterID
        var since: Double
        var deadline: Double
    }

    public let settings: PoolSettings
    /// Most recently used last: hot connections are reused, cold ones age into health checks.
    private(set) var idle: [Idle] = []
    private(set) var leased: Set<ConnectionID> = []
    /// Slots reserved for connections being opened (by a caller, or to keep idle).
    private(set) var opening: Set<ConnectionID> = []
    private(set) var openingIdle: Set<ConnectionID> = []
    private(set) var checking: Set<ConnectionID> = []
    private(set) var waiters: [Waiter] = []
    private var nextConnectionID: ConnectionID = 1
    private var isShutDown = false
    private(set) var counters = PoolCounters()

    public init(settings: PoolSettings) {
        self.settings = settings
    }

    public var openCount: Int { idle.count + leased.count + opening.count + checking.count }

    // MARK: acquiring

    /// A caller wants a connection. Returns `.use`, `.create`, `.fail` (shut down), or nothing:
    /// the caller is queued until `deadline` and learns its fate from a later event's action.
    /// `replacing`: the caller already acquired once and is replacing a connection the server
    /// had closed while it sat idle; it is not counted as another acquire.
    public mutating func acquire(_ waiter: WaiterID, now: Double, replacing: Bool = false) -> PoolAction? {
        if isShutDown {
            return .fail(waiter, shutdownFailure(waited: 0))
        }
        // Queued waiters go first: a newcomer must not overtake them.
        if waiters.isEmpty, let connection = idle.popLast() {
            markLeased(connection.id)
            if !replacing { counters.recordWait(0) }
            return .use(connection.id, waiter)
        }
        if waiters.isEmpty, openCount < settings.maxSize {
            if !replacing { counters.recordWait(0) }
            return .create(reserveSlot(), waiter)
        }
        waiters.append(Waiter(id: waiter, since: now, deadline: now + settings.acquireTimeout))
        counters.peakWaiters = max(counters.peakWaiters, waiters.count)
        return nil
    }

    /// When the next queued waiter gives up, for the driver's timer.
    public var nextWaiterDeadline: Double? { waiters.map(\.deadline).min() }

    /// Fails every waiter whose deadline has passed with "pool exhausted".
    public mutating func expireWaiters(now: Double) -> [PoolAction] {
        let expired = waiters.filter { $0.deadline <= now }
        guard !expired.isEmpty else { return [] }
        waiters.removeAll { $0.deadline <= now }
        counters.exhausted += expired.count
        return expired.map { .fail($0.id, exhaustion(waited: now - $0.since)) }
    }

    /// The waiter stopped waiting (Ctrl-C, its own timeout). True if it was still queued and is
    /// now gone; false if an action already gave it a connection or a slot, which the caller
    /// must then release or report as failed.
    public mutating func cancelWaiter(_ waiter: WaiterID) -> Bool {
        guard let index = waiters.firstIndex(where: { $0.id == waiter }) else { return false }
        waiters.remove(at: index)
        counters.cancelledWaits += 1
        return true
    }

    // MARK: opening

    /// The connection opened for a caller is ready and now in use by that caller.
    public mutating func opened(_ id: ConnectionID, now: Double) -> [PoolAction] {
        guard opening.remove(id) != nil else { return [] }
        counters.created += 1
        if openingIdle.remove(id) != nil {
            return isShutDown ? close(id, .shutdown, now: now) : makeAvailable(id, now: now)
        }
        markLeased(id)
        return []
    }

    /// Opening failed: the slot is free again, and may go to the next waiter.
    public mutating func openFailed(_ id: ConnectionID, now: Double) -> [PoolAction] {
        guard opening.remove(id) != nil else { return [] }
        openingIdle.remove(id)
        counters.openFailures += 1
        return offerFreeSlot(now: now)
    }

    // MARK: releasing

    public enum Disposition: Sendable, Equatable {
        /// Clean: no unread reply, no session state. Back to the pool.
        case reuse
        case close(CloseReason)
    }

    public mutating func release(_ id: ConnectionID, _ disposition: Disposition, now: Double) -> [PoolAction] {
        guard leased.remove(id) != nil else { return [] }
        switch disposition {
        case .reuse where !isShutDown:
            return makeAvailable(id, now: now)
        case .reuse:
            return close(id, .shutdown, now: now)
        case .close(let reason):
            return close(id, reason, now: now)
        }
    }

    // MARK: upkeep

    /// Called every so often: PING idle connections unchecked for `healthInterval`, and open
    /// connections up to the minimum idle.
    public mutating func tick(now: Double) -> [PoolAction] {
        var actions = expireWaiters(now: now)
        guard !isShutDown else { return actions }
        let due = idle.filter { now - $0.lastChecked >= settings.healthInterval }
        idle.removeAll { now - $0.lastChecked >= settings.healthInterval }
        for connection in due {
            checking.insert(connection.id)
            actions.append(.check(connection.id))
        }
        // Top up idle connections only when nobody is waiting (waiters get slots first).
        while waiters.isEmpty, idle.count + openingIdle.count + checking.count < settings.minIdle,
              openCount < settings.maxSize {
            let id = reserveSlot()
            openingIdle.insert(id)
            actions.append(.createIdle(id))
        }
        return actions
    }

    public mutating func checkPassed(_ id: ConnectionID, now: Double) -> [PoolAction] {
        guard checking.remove(id) != nil else { return [] }
        counters.checksPassed += 1
        if isShutDown { return close(id, .shutdown, now: now) }
        return makeAvailable(id, now: now)
    }

    public mutating func checkFailed(_ id: ConnectionID, now: Double) -> [PoolAction] {
        guard checking.remove(id) != nil else { return [] }
        counters.checksFailed += 1
        return close(id, .healthCheck, now: now)
    }

    /// Closes every idle connection now, fails every waiter; connections in use are closed
    /// when they come back.
    public mutating func shutdown(now: Double) -> [PoolAction] {
        isShutDown = true
        var actions: [PoolAction] = waiters.map { .fail($0.id, shutdownFailure(waited: now - $0.since)) }
        waiters.removeAll()
        for connection in idle {
            counters.closed[.shutdown, default: 0] += 1
            actions.append(.close(connection.id, .shutdown))
        }
        idle.removeAll()
        return actions
    }

    // MARK: statistics

    public func stats() -> PoolStats {
        PoolStats(maxSize: settings.maxSize, open: openCount, inUse: leased.count, idle: idle.count,
                  opening: opening.count, checking: checking.count, waiters: waiters.count,
                  created: counters.created, closedByReason: counters.closed, openFailures: counters.openFailures,
                  exhaustedCount: counters.exhausted, cancelledWaits: counters.cancelledWaits,
                  peakInUse: counters.peakInUse, peakWaiters: counters.peakWaiters,
                  acquireWaitP50: counters.waitPercentile(50), acquireWaitP99: counters.waitPercentile(99),
                  acquireCount: counters.acquireCount)
    }

    // MARK: private

    private mutating func markLeased(_ id: ConnectionID) {
        leased.insert(id)
        counters.peakInUse = max(counters.peakInUse, leased.count)
    }

    private mutating func reserveSlot() -> ConnectionID {
        let id = nextConnectionID
        nextConnectionID += 1
        opening.insert(id)
        return id
    }

    /// A usable connection: to the first waiter, else idle.
    private mutating func makeAvailable(_ id: ConnectionID, now: Double) -> [PoolAction] {
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            markLeased(id)
            counters.recordWait(now - waiter.since)
            return [.use(id, waiter.id)]
        }
        idle.append(Idle(id: id, lastChecked: now))
        return []
    }

    private mutating func close(_ id: ConnectionID, _ reason: CloseReason, now: Double) -> [PoolAction] {
        counters.closed[reason, default: 0] += 1
        return [.close(id, reason)] + offerFreeSlot(now: now)
    }

    /// A slot came free: the first waiter may open a connection in it.
    private mutating func offerFreeSlot(now: Double) -> [PoolAction] {
        guard !isShutDown, !waiters.isEmpty, openCount < settings.maxSize else { return [] }
        let waiter = waiters.removeFirst()
        counters.recordWait(now - waiter.since)
        return [.create(reserveSlot(), waiter.id)]
    }

    /// Every slot counts as in use here: opening and checking ones are not free either.
    private func shutdownFailure(waited: Double) -> PoolExhaustion {
        var failure = exhaustion(waited: waited)
        failure.isShutdown = true
        return failure
    }

    private func exhaustion(waited: Double) -> PoolExhaustion {
        PoolExhaustion(inUse: openCount, maxSize: settings.maxSize, waited: waited)
    }
}

/// Running totals kept with the state machine.
struct PoolCounters: Sendable {
    var created = 0
    var closed: [CloseReason: Int] = [:]
    var openFailures = 0
    var exhausted = 0
    var cancelledWaits = 0
    var checksPassed = 0
    var checksFailed = 0
    var peakInUse = 0
    var peakWaiters = 0
    var acquireCount = 0
    /// Acquire waits in microseconds, up to 10 minutes.
    var waits = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000,
                                  numberOfSignificantValueDigits: .two)

    mutating func recordWait(_ seconds: Double) {
        acquireCount += 1
        let micros = UInt64(max(0, min(seconds, 600)) * 1_000_000)
        _ = waits.record(max(1, micros))
    }

    func waitPercentile(_ percentile: Double) -> Double {
        guard waits.totalCount > 0 else { return 0 }
        return Double(waits.valueAtPercentile(percentile)) / 1_000_000
    }
}
