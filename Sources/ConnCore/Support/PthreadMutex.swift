import Glibc

/// A value behind a plain pthread mutex. `Synchronization.Mutex` collapses when more threads
/// contend than there are cores (measured: ~30 µs per lock with 8 threads on 2 cores, against
/// ~0.1 µs for a pthread mutex), which a load generator's workers do all the time.
public final class PthreadMutex<Value>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
