import Glibc

/// The meeting point between the UI thread, which feeds keys, and the thread that runs libedit,
/// which asks for them. libedit blocks in its read callback for as many keys as a command needs
/// (an escape sequence, Ctrl-R search), so it gets a thread of its own; the two never run at
/// the same time: the UI thread waits until libedit is parked again, asking for the next key.
final class KeyHandoff: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queue: [Unicode.Scalar] = []
    private var parked = false
    private var closing = false

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    /// libedit's side: the next key, or nil once closing. Parks while no key is queued.
    func nextKey() -> Unicode.Scalar? {
        locked {
            while queue.isEmpty && !closing {
                parked = true
                pthread_cond_broadcast(condition)
                pthread_cond_wait(condition, mutex)
            }
            return closing ? nil : queue.removeFirst()
        }
    }

    /// The UI side: queues `keys`, then waits until libedit has taken them all and parked
    /// again, calling `whileWaiting` between checks. False when `timeout` passed first.
    func deliver(_ keys: [Unicode.Scalar], timeout seconds: Int = 2, whileWaiting: () -> Void) -> Bool {
        lock()
        queue += keys
        parked = false
        pthread_cond_broadcast(condition)
        let deadline = Self.now() + Double(seconds)
        while !parked && Self.now() < deadline {
            unlock()
            whileWaiting()
            lock()
            guard !parked else { break }
            var until = timespec()
            clock_gettime(CLOCK_REALTIME, &until)
            until.tv_nsec += 5_000_000
            if until.tv_nsec >= 1_000_000_000 { until.tv_sec += 1; until.tv_nsec -= 1_000_000_000 }
            pthread_cond_timedwait(condition, mutex, &until)
        }
        let done = parked
        unlock()
        whileWaiting()
        return done
    }

    /// Waits (bounded) for the first park, after the thread starts.
    func waitUntilParked(whileWaiting: () -> Void) -> Bool { deliver([], whileWaiting: whileWaiting) }

    var isClosing: Bool { locked { closing } }

    /// Makes `nextKey` return nil from now on.
    func close() {
        locked {
            closing = true
            pthread_cond_broadcast(condition)
        }
    }

    private func lock() { pthread_mutex_lock(mutex) }
    private func unlock() { pthread_mutex_unlock(mutex) }

    private func locked<T>(_ body: () -> T) -> T {
        lock()
        defer { unlock() }
        return body()
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
