import ConnCore
import Glibc

/// Turns Ctrl-C into a cancel of the command that is running, and SIGTERM/SIGHUP into a clean
/// exit with the terminal restored. SIGINT is blocked in every
/// thread and one thread takes it with sigwait, so no Swift code runs inside a signal handler.
/// While the user edits a line the editor turns ISIG off and sees ^C as a key instead; between
/// commands a stray SIGINT is dropped.
public final class InterruptWatcher: Sendable {
    private let current = PthreadMutex<CancellationToken?>(nil)

    public init() {}

    /// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread and every thread it creates
    /// later, and starts the watching thread. Call it first, before any other thread exists.
    /// SIGTERM and SIGHUP put the terminal back as it was at start (the line editor may have
    /// it in raw mode) and end the process.
    public func start() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let blocked = set
        var original = termios()
        let hasTerminal = tcgetattr(STDIN_FILENO, &original) == 0
        let saved = original
        _ = BackgroundThread { [current] in
            var waited = blocked
            var signal: Int32 = 0
            while sigwait(&waited, &signal) == 0 {
                guard signal == SIGINT else {
                    var restore = saved
                    if hasTerminal {
                        tcsetattr(STDIN_FILENO, TCSANOW, &restore)
                        _ = write(STDOUT_FILENO, "\u{1b}[K\r\n", 5)  // erase a drawn hint, end the line
                    }
                    _exit(128 + signal)
                }
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

    /// Ctrl-C as a key (the dashboard's raw terminal): cancels the running command, if any.
    public func cancelRunning() {
        current.withLock { $0 }?.cancel()
    }

    public func end() {
        current.withLock { $0 = nil }
    }
}
