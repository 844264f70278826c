import Synchronization

/// Runs work every `interval` seconds on its own thread until stopped. `stop()` wakes the
/// thread from its sleep at once, so stopping costs at most one run in progress, not an interval.
final class PeriodicTask: @unchecked Sendable {   // mutable fields are guarded by `lock`
    let interval: Double
    private let work: @Sendable () -> Void
    private let lock = ConditionLock()
    /// Bumped by every start and stop: a thread runs only while the generation it was
    /// started with is current, so a stop followed by a start can never revive the old thread.
    private var generation = 0
    private var thread: BackgroundThread?
    /// Serializes stops, so a second stop() returns only once the thread has been joined.
    private let stopping = Mutex(())

    init(interval: Double, work: @escaping @Sendable () -> Void) {
        self.interval = interval
        self.work = work
    }

    /// Starts the thread; does nothing while it already runs.
    func start() {
        lock.withLock {
            guard thread == nil else { return }
            generation += 1
            let mine = generation
            // The thread holds this task, not its owner, so the owner's deinit can stop it.
            thread = BackgroundThread { [self] in run(generation: mine) }
        }
    }

    /// Wakes and joins the thread; returns once no run is in progress. Safe to call twice.
    func stop() {
        stopping.withLock { _ in
            let running = lock.withLock { () -> BackgroundThread? in
                generation += 1
                lock.broadcast()
                defer { thread = nil }
                return thread
            }
            running?.join()
        }
    }

    private func run(generation mine: Int) {
        while isCurrent(mine) {
            // Measured from the start of a run, so a slow run does not stretch the period.
            let next = Deadline.after(seconds: interval)
            work()
            let keepGoing = lock.withLock {
                while generation == mine, lock.wait(until: next) {}
                return generation == mine
            }
            if !keepGoing { return }
        }
    }

    private func isCurrent(_ mine: Int) -> Bool {
        lock.withLock { generation == mine }
    }
}
