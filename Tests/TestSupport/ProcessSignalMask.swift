import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Process {
    /// `run()`, but the child starts with no signals blocked.
    ///
    /// Why: posix_spawn copies the calling thread's signal mask into the child, and Foundation
    /// does not reset it. Tests run on Swift concurrency's worker threads, which block SIGTERM,
    /// SIGINT, SIGHUP, SIGALRM and more, so a plain `run()` from a test makes a redis-server that
    /// ignores SIGTERM and a `timeout` that never fires (observed: hung test runs). Every child
    /// the fixtures start goes through here; use it for any Process a test starts itself.
    public func runWithDefaultSignalMask() throws {
        var empty = sigset_t()
        var previous = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try run()
    }
}
