import Testing
@testable import ConnCore

/// The pool's rules, fed as events with a clock moved by hand. No sockets.
struct PoolStateMachineTests {
    static func machine(max: Int = 2, timeout: Double = 5, health: Double = 30, minIdle: Int = 0) -> PoolStateMachine {
        var settings = PoolSettings()
        settings.maxSize = max
        settings.acquireTimeout = timeout
        settings.healthInterval = health
        settings.minIdle = minIdle
        return PoolStateMachine(settings: settings)
    }

    @Test func createsOnDemandThenReusesIdle() {
        var pool = Self.machine()
        do { let result = pool.acquire(1, now: 0); #expect(result == .create(1, 1)) }
        do { let result = pool.opened(1, now: 0); #expect(result.isEmpty) }
        #expect(pool.stats().inUse == 1)
        do { let result = pool.release(1, .reuse, now: 1); #expect(result.isEmpty) }
        #expect(pool.stats().idle == 1)
        do { let result = pool.acquire(2, now: 2); #expect(result == .use(1, 2)) }
        #expect(pool.stats().created == 1)
    }

    @Test func exhaustedWaiterFailsWithTheMessageAfterTheTimeout() {
        var pool = Self.machine(max: 2, timeout: 5)
        do { let result = pool.acquire(1, now: 0); #expect(result == .create(1, 1)) }
        do { let result = pool.acquire(2, now: 0); #expect(result == .create(2, 2)) }
        _ = pool.opened(1, now: 0)
        _ = pool.opened(2, now: 0)
        do { let result = pool.acquire(3, now: 10); #expect(result == nil) }
        #expect(pool.nextWaiterDeadline == 15)
        do { let result = pool.expireWaiters(now: 14.9); #expect(result.isEmpty) }
        let failed = pool.expireWaiters(now: 15)
        #expect(failed == [.fail(3, PoolExhaustion(inUse: 2, maxSize: 2, waited: 5))])
        if case .fail(_, let exhaustion) = failed.first {
            #expect(exhaustion.message == "pool exhausted: 2/2 in use, waited 5.0 s")
        }
        #expect(pool.stats().exhaustedCount == 1)
        #expect(pool.stats().waiters == 0)
    }

    @Test func aReleasedConnectionGoesToTheFirstWaiterInOrder() {
        var pool = Self.machine(max: 1)
        _ = pool.acquire(1, now: 0)
        _ = pool.opened(1, now: 0)
        do { let result = pool.acquire(2, now: 1); #expect(result == nil) }
        do { let result = pool.acquire(3, now: 2); #expect(result == nil) }
        do { let result = pool.release(1, .reuse, now: 3); #expect(result == [.use(1, 2)]) }
        do { let result = pool.release(1, .reuse, now: 4); #expect(result == [.use(1, 3)]) }
        let stats = pool.stats()
        #expect(stats.acquireWaitP99 >= 2 && stats.acquireWaitP99 < 2.1)
        #expect(stats.peakWaiters == 2)
    }

    @Test func aNewcomerDoesNotOvertakeQueuedWaiters() {
        var pool = Self.machine(max: 1)
        _ = pool.acquire(1, now: 0)
        _ = pool.opened(1, now: 0)
        do { let result = pool.acquire(2, now: 1); #expect(result == nil) }
        // An idle connection appears and goes to waiter 2, not to the newcomer 3.
        do { let result = pool.release(1, .reuse, now: 2); #expect(result == [.use(1, 2)]) }
        do { let result = pool.acquire(3, now: 2); #expect(result == nil) }
    }

    @Test func aCancelledWaitLeaksNothing() {
        var pool = Self.machine(max: 1)
        _ = pool.acquire(1, now: 0)
        _ = pool.opened(1, now: 0)
        do { let result = pool.acquire(2, now: 1); #expect(result == nil) }
        do { let result = pool.cancelWaiter(2); #expect(result) }
        do { let result = pool.cancelWaiter(2); #expect(!result) }
        // Nobody waits now: the release leaves the connection idle, not handed to a ghost.
        do { let result = pool.release(1, .reuse, now: 2); #expect(result.isEmpty) }
        let stats = pool.stats()
        #expect(stats.waiters == 0 && stats.idle == 1 && stats.inUse == 0 && stats.cancelledWaits == 1)
    }

    @Test func aConnectionThatFailedIsClosedAndItsSlotGoesToAWaiter() {
        var pool = Self.machine(max: 1)
        _ = pool.acquire(1, now: 0)
        _ = pool.opened(1, now: 0)
        do { let result = pool.acquire(2, now: 1); #expect(result == nil) }
        do { let result = pool.release(1, .close(.error), now: 2); #expect(result == [.close(1, .error), .create(2, 2)]) }
        #expect(pool.stats().closedByReason == [.error: 1])
        #expect(pool.stats().idle == 0)
    }

    @Test func aFailedOpenFreesItsSlot() {
        var pool = Self.machine(max: 1)
        do { let result = pool.acquire(1, now: 0); #expect(result == .create(1, 1)) }
        do { let result = pool.acquire(2, now: 0); #expect(result == nil) }
        do { let result = pool.openFailed(1, now: 1); #expect(result == [.create(2, 2)]) }
        #expect(pool.stats().openFailures == 1)
        #expect(pool.openCount == 1)
    }

    @Test func idleConnectionsAreCheckedAndEvictedWhenTheCheckFails() {
        var pool = Self.machine(max: 3, health: 30)
        for id in 1...2 {
            _ = pool.acquire(id, now: 0)
            _ = pool.opened(id, now: 0)
        }
        _ = pool.release(1, .reuse, now: 0)
        _ = pool.release(2, .reuse, now: 20)
        do { let result = pool.tick(now: 29); #expect(result.isEmpty) }
        do { let result = pool.tick(now: 30); #expect(result == [.check(1)]) }
        #expect(pool.stats().checking == 1 && pool.stats().idle == 1)
        do { let result = pool.checkFailed(1, now: 31); #expect(result == [.close(1, .healthCheck)]) }
        do { let result = pool.tick(now: 50); #expect(result == [.check(2)]) }
        do { let result = pool.checkPassed(2, now: 50); #expect(result.isEmpty) }
        #expect(pool.stats().idle == 1)
        // Checked at 50: not due again until 80.
        do { let result = pool.tick(now: 79); #expect(result.isEmpty) }
        #expect(pool.stats().closedByReason == [.healthCheck: 1])
    }

    @Test func minimumIdleIsOpenedAheadOfDemand() {
        var pool = Self.machine(max: 4, minIdle: 2)
        do { let result = pool.tick(now: 0); #expect(result == [.createIdle(1), .createIdle(2)]) }
        do { let result = pool.tick(now: 0); #expect(result.isEmpty) }
        do { let result = pool.opened(1, now: 1); #expect(result.isEmpty) }
        #expect(pool.stats().idle == 1)
        do { let result = pool.acquire(9, now: 2); #expect(result == .use(1, 9)) }
    }

    @Test func replacingAStaleConnectionIsNotAnotherAcquire() {
        var pool = Self.machine(max: 2)
        _ = pool.acquire(1, now: 0)
        _ = pool.opened(1, now: 0)
        _ = pool.release(1, .reuse, now: 0)
        _ = pool.acquire(2, now: 1)
        _ = pool.release(1, .close(.stale), now: 1)
        do { let result = pool.acquire(3, now: 1, replacing: true); #expect(result == .create(2, 3)) }
        #expect(pool.stats().acquireCount == 2)
    }

    @Test func waitersAtShutdownAreToldSoNotExhaustion() {
        var pool = Self.machine(max: 1)
        _ = pool.acquire(1, now: 0)
        _ = pool.opened(1, now: 0)
        _ = pool.acquire(2, now: 0)
        let actions = pool.shutdown(now: 1)
        guard case .fail(_, let failure)? = actions.first else {
            Issue.record("the waiter must be failed: \(actions)")
            return
        }
        #expect(failure.message == "not executed: the connection pool was shut down")
        #expect(failure.error.kind == .cancelled)
        #expect(pool.stats().exhaustedCount == 0)
    }

    @Test func shutdownClosesIdleFailsWaitersAndClosesReturnedConnections() {
        var pool = Self.machine(max: 2)
        for id in 1...2 {
            _ = pool.acquire(id, now: 0)
            _ = pool.opened(id, now: 0)
        }
        _ = pool.release(1, .reuse, now: 0)
        _ = pool.acquire(3, now: 0)  // takes 1
        do { let result = pool.acquire(4, now: 0); #expect(result == nil) }
        let actions = pool.shutdown(now: 1)
        #expect(actions == [.fail(4, PoolExhaustion(inUse: 2, maxSize: 2, waited: 1, isShutdown: true))])
        do { let result = pool.release(2, .reuse, now: 2); #expect(result == [.close(2, .shutdown)]) }
        if case .fail = pool.acquire(5, now: 3) {} else { Issue.record("a shut-down pool must refuse") }
    }

    /// Random events against the invariants: never more than max open, every waiter answered
    /// once, counts that add up.
    @Test(arguments: [1, 7, 42, 1234])
    func randomEventsNeverBreakTheInvariants(seed: UInt64) {
        var random = SeededRandomSource(seed: seed)  // seeded: a failing run can be replayed
        var pool = Self.machine(max: 4, timeout: 3, health: 5, minIdle: 1)
        var now = 0.0
        var held: Set<ConnectionID> = []
        var opening: Set<ConnectionID> = []
        var checking: Set<ConnectionID> = []
        var queued: Set<WaiterID> = []
        var nextWaiter = 0

        func handle(_ actions: [PoolAction]) {
            for action in actions {
                switch action {
                case .use(let id, let waiter):
                    #expect(queued.remove(waiter) != nil, "a .use went to a waiter that was not queued")
                    held.insert(id)
                case .create(let id, let waiter):
                    #expect(queued.remove(waiter) != nil)
                    opening.insert(id)
                case .createIdle(let id): opening.insert(id)
                case .fail(let waiter, _): #expect(queued.remove(waiter) != nil)
                case .check(let id): checking.insert(id)
                case .close(let id, _): held.remove(id)
                }
            }
        }

        for _ in 0..<5_000 {
            now += Double(random.next() % 100) / 100
            switch random.next() % 7 {
            case 0, 1:
                nextWaiter += 1
                queued.insert(nextWaiter)
                if let action = pool.acquire(nextWaiter, now: now) { handle([action]) }
            case 2:
                if let id = opening.randomElement(using: &random) {
                    opening.remove(id)
                    handle(random.next() % 4 == 0 ? pool.openFailed(id, now: now) : pool.opened(id, now: now))
                    // An opened connection for a caller is in use by it (idle ones are not ours).
                    if pool.leased.contains(id) { held.insert(id) }
                }
            case 3:
                if let id = held.randomElement(using: &random) {
                    held.remove(id)
                    let disposition: PoolStateMachine.Disposition = random.next() % 3 == 0 ? .close(.error) : .reuse
                    handle(pool.release(id, disposition, now: now))
                }
            case 4:
                if let waiter = queued.randomElement(using: &random), pool.cancelWaiter(waiter) { queued.remove(waiter) }
            case 5:
                handle(pool.tick(now: now))
            default:
                if let id = checking.randomElement(using: &random) {
                    checking.remove(id)
                    handle(random.next() % 2 == 0 ? pool.checkPassed(id, now: now) : pool.checkFailed(id, now: now))
                }
            }
            let stats = pool.stats()
            #expect(stats.open <= 4)
            #expect(stats.open == stats.inUse + stats.idle + stats.opening + stats.checking)
            #expect(stats.inUse == held.count)
            #expect(stats.waiters == queued.count)
            #expect(stats.created - stats.closed == stats.inUse + stats.idle + stats.checking)
        }
    }
}
