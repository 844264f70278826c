import Glibc

/// A connection lent by the pool to one caller. Give it back with `ConnectionPool.release`.
public struct PooledConnection: @unchecked Sendable {
    public let id: ConnectionID
    public let connection: RedisConnection
}

/// The pool's driver: runs `PoolStateMachine`'s actions. It opens connections through the
/// factory on the caller's thread, parks waiters on a condition variable, and keeps a
/// maintenance thread for idle health checks and the minimum idle count. The lock is never
/// held during I/O, so `stats()` answers at once even while every connection is busy.
public final class ConnectionPool: @unchecked Sendable {
    public let factory: ConnectionFactory
    public let settings: PoolSettings
    public let events: EventLog
    private let lock = ConditionLock()
    // Everything below is guarded by `lock`.
    private var machine: PoolStateMachine
    private var live: [ConnectionID: RedisConnection] = [:]
    /// Actions addressed to queued waiters, picked up when they wake.
    private var handed: [WaiterID: PoolAction] = [:]
    private var nextWaiter: WaiterID = 0
    private var stopping = false
    private var maintenance: BackgroundThread?
    /// The maintenance thread sleeps here, not on `lock`'s condition, so waiters' wake-ups do
    /// not run upkeep.
    private let maintenanceSleep = ConditionLock()
    private var maintenanceStopping = false
    private var tls = TLSStatistics()

    public init(factory: ConnectionFactory, settings: PoolSettings, events: EventLog) {
        self.factory = factory
        self.settings = settings
        self.events = events
        self.machine = PoolStateMachine(settings: settings)
    }

    deinit {
        for connection in live.values { connection.close() }
    }

    // MARK: lending

    /// A connection ready for a command: an idle one still open, or a new one. Waits up to the
    /// pool timeout when all are in use, then throws "pool exhausted". Errors from opening a
    /// connection (refused, TLS, AUTH) are thrown as they are: nothing was sent.
    public func acquire(cancellation: CancellationToken? = nil) throws(ConsoleError) -> PooledConnection {
        var replacing = false
        while true {
            switch try waitForTurn(cancellation, replacing: replacing) {
            case .use(let id, _):
                guard let connection = lock.withLock({ live[id] }) else {
                    preconditionFailure("the pool lent connection #\(id), which it does not hold")
                }
                let state = connection.idleState()
                if state == .quiet { return PooledConnection(id: id, connection: connection) }
                // Closed by a restart or CLIENT KILL while idle: replace it; the user never sees it.
                release(PooledConnection(id: id, connection: connection), .close(.stale))
                replacing = true
            case .create(let id, _):
                return try open(id)
            case .fail(_, let exhaustion):
                if !exhaustion.isShutdown { events.record(.exhausted, exhaustion.message) }
                throw exhaustion.error
            default:
                preconditionFailure("the pool state machine answered an acquire with a maintenance action")
            }
        }
    }

    /// Returns a connection. `.reuse` only when it is clean (reply read, no session state); a
    /// broken connection is closed whatever the caller says.
    public func release(_ lease: PooledConnection, _ disposition: PoolStateMachine.Disposition) {
        var disposition = disposition
        if disposition == .reuse, lease.connection.isBroken { disposition = .close(.error) }
        let work = lock.withLock { apply(machine.release(lease.id, disposition, now: now())) }
        finish(work)
    }

    // MARK: statistics

    public func stats() -> PoolStats {
        lock.withLock { machine.stats() }
    }

    public func tlsStatistics() -> TLSStatistics {
        lock.withLock { tls }
    }

    // MARK: upkeep

    /// Starts the maintenance thread: health checks of idle connections, minimum idle.
    public func startMaintenance(every period: Double = 1) {
        lock.withLock {
            guard maintenance == nil, !stopping else { return }
            maintenance = BackgroundThread { [self] in
                while true {
                    let stop = maintenanceSleep.withLock { () -> Bool in
                        if !maintenanceStopping { maintenanceSleep.wait(until: .after(seconds: period)) }
                        return maintenanceStopping
                    }
                    if stop { return }
                    maintain()
                }
            }
        }
    }

    /// One round of upkeep; the maintenance thread calls it, tests may call it directly.
    public func maintain() {
        let work = lock.withLock { apply(machine.tick(now: now())) }
        finish(work)
    }

    /// Closes idle connections and fails waiters; connections in use close when released.
    public func shutdown() {
        let thread = lock.withLock { () -> BackgroundThread? in
            stopping = true
            defer { maintenance = nil }  // the thread holds the pool: drop the cycle
            return maintenance
        }
        maintenanceSleep.withLock {
            maintenanceStopping = true
            maintenanceSleep.broadcast()
        }
        thread?.join()
        let work = lock.withLock { apply(machine.shutdown(now: now())) }
        finish(work)
    }

    // MARK: private

    private func now() -> Double { MonotonicClock().now() }

    private func waitForTurn(_ cancellation: CancellationToken?, replacing: Bool) throws(ConsoleError) -> PoolAction {
        let outcome: Result<PoolAction, ConsoleError> = lock.withLock {
            nextWaiter += 1
            let waiter = nextWaiter
            if let action = machine.acquire(waiter, now: now(), replacing: replacing) { return .success(action) }
            while true {
                if let action = handed.removeValue(forKey: waiter) { return .success(action) }
                if cancellation?.isCancelled == true, machine.cancelWaiter(waiter) {
                    return .failure(ConsoleError(.cancelled, "cancelled while waiting for a pool connection",
                                                 hint: "not executed: nothing was sent"))
                }
                let current = now()
                let expired = machine.expireWaiters(now: current)
                if !expired.isEmpty {
                    _ = apply(expired)
                    continue
                }
                // With a cancellation token, look again every 50 ms: cancel() never takes this lock.
                var wake = machine.nextWaiterDeadline ?? current + 1
                if cancellation != nil { wake = min(wake, current + 0.05) }
                lock.wait(until: Deadline(nanoseconds: UInt64(max(0, wake) * 1_000_000_000)))
            }
        }
        return try outcome.get()
    }

    /// Opens connection `id` in the slot the state machine reserved for it.
    private func open(_ id: ConnectionID, keepIdle: Bool = false) throws(ConsoleError) -> PooledConnection {
        let connection: RedisConnection
        do {
            connection = try factory.connect()
        } catch {
            let work = lock.withLock { apply(machine.openFailed(id, now: now())) }
            finish(work)
            events.record(.connectFailed, "could not open a connection: \(error.message)")
            throw error
        }
        let work = lock.withLock {
            live[id] = connection
            tls.record(connection.tls)
            return apply(machine.opened(id, now: now()))
        }
        let resumed = connection.tls?.resumed == true ? ", TLS session resumed" : ""
        events.record(.connect, "opened connection #\(id)\(keepIdle ? " (kept idle)" : "")\(resumed)")
        finish(work)
        return PooledConnection(id: id, connection: connection)
    }

    /// I/O an action asks for, done after the lock is released.
    private struct Work {
        var close: [(RedisConnection, ConnectionID, CloseReason)] = []
        var check: [(RedisConnection, ConnectionID)] = []
        var createIdle: [ConnectionID] = []
    }

    /// Under the lock: records state, hands actions to waiters, collects I/O for `finish`.
    private func apply(_ actions: [PoolAction]) -> Work {
        var work = Work()
        for action in actions {
            switch action {
            case .use(_, let waiter), .create(_, let waiter), .fail(let waiter, _):
                handed[waiter] = action
                lock.broadcast()
            case .close(let id, let reason):
                if let connection = live.removeValue(forKey: id) { work.close.append((connection, id, reason)) }
            case .check(let id):
                if let connection = live[id] { work.check.append((connection, id)) }
            case .createIdle(let id):
                work.createIdle.append(id)
            }
        }
        return work
    }

    private func finish(_ work: Work) {
        for (connection, id, reason) in work.close {
            connection.close()
            if reason != .shutdown { events.record(.closed, "closed connection #\(id): \(reason.rawValue)") }
        }
        for (connection, id) in work.check {
            let passed = Self.ping(connection, timeout: factory.settings.operationTimeout)
            let next = lock.withLock { apply(passed ? machine.checkPassed(id, now: now()) : machine.checkFailed(id, now: now())) }
            finish(next)
        }
        for id in work.createIdle {
            if let lease = try? open(id, keepIdle: true) { _ = lease }
        }
    }

    private static func ping(_ connection: RedisConnection, timeout: Double) -> Bool {
        guard connection.idleState() == .quiet else { return false }
        guard let reply = try? connection.request(["PING"], timeout: .seconds(timeout)) else { return false }
        return reply == .simpleString(Array("PONG".utf8))
    }
}
