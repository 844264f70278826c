import Glibc

/// A dedicated OS thread for blocking I/O (health probes, pool upkeep, benchmark workers).
/// Swift's cooperative pool has two threads here and must never block on a socket.
public final class BackgroundThread: @unchecked Sendable {
    private var thread = pthread_t()
    private let body: @Sendable () -> Void
    private let joined = PthreadMutex(false)

    /// Starts `body` on a new thread at once.
    public init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
        let box = Unmanaged.passRetained(self)
        let status = pthread_create(&thread, nil, { raw in
            let owner = Unmanaged<BackgroundThread>.fromOpaque(raw!).takeRetainedValue()
            owner.body()
            return nil
        }, box.toOpaque())
        precondition(status == 0, "pthread_create failed: \(status)")
    }

    /// Waits for the body to return. Call once, from another thread.
    public func join() {
        // Under the lock: a second caller waits for the first join instead of joining twice.
        joined.withLock { joined in
            guard !joined else { return }
            joined = true
            pthread_join(thread, nil)
        }
    }
}
