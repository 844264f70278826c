import Glibc

/// A mutex with a condition variable, for threads that must sleep until another thread
/// changes shared state (pool waiters, a prober's stop signal). `Synchronization.Mutex` has
/// no condition variable.
public final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        // Waits are measured on the monotonic clock, like every Deadline.
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Sleeps until signalled or `deadline`; call with the lock held (inside `withLock`).
    /// Returns false once the deadline has passed.
    @discardableResult
    public func wait(until deadline: Deadline) -> Bool {
        if deadline.nanoseconds == .max {
            pthread_cond_wait(condition, mutex)
            return true
        }
        var spec = timespec(tv_sec: Int(deadline.nanoseconds / 1_000_000_000),
                            tv_nsec: Int(deadline.nanoseconds % 1_000_000_000))
        return pthread_cond_timedwait(condition, mutex, &spec) != ETIMEDOUT
    }

    public func broadcast() {
        pthread_cond_broadcast(condition)
    }
}
