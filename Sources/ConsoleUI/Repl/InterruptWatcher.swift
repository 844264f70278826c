import ConnCore
import Glibc

/// Turns Ctrl-C into a cancel of the command that is running. SIGINT is blocked in every
/// thread and one thread takes it with sigwait, so no Swift code runs inside a signal handler.
/// While the user edits a line the editor turns ISIG off and sees ^C as a key instead; between
/// commands a stray SIGINT is dropped.
public final class InterruptWatcher: Sendable {
    private let current = PthreadMutex<CancellationToken?>(nil)

    public init() {}

    /// Blocks SIGINT in the calling thread and every thread it creates later, and starts the
    /// watching thread. Call it first, before any other thread exists.
    public func start() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let blocked = set
        _ = BackgroundThread { [current] in
            var waited = blocked
            var signal: Int32 = 0
            while sigwait(&waited, &signal) == 0 {
                current.withLock { $0 }?.cancel()
            }
        }
    }

    /// A token that Ctrl-C cancels until `end()`.
    public func begin() -> CancellationToken {
        let token = CancellationToken()
        current.withLock { $0 = token }
        return token
    }

    public func end() {
        current.withLock { $0 = nil }
    }
}
