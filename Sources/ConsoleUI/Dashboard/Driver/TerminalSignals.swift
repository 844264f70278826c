import Glibc
import Synchronization

/// Signal handling for the full-screen terminal. A handler may only call async-signal-safe
/// functions, and ncurses' `endwin` is not one (it allocates, uses stdio, takes no locks but
/// touches SCREEN state the UI thread may be changing). So:
/// - SIGTERM, SIGINT, SIGHUP only record the signal; the UI thread sees it within one tick
///   (`CursesTerminal.nextKey` returns `.terminationRequested`) and calls `stop()` normally.
/// - Crashes (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT) cannot wait for the UI thread:
///   the handler restores the terminal modes saved before ncurses started (`tcsetattr`) and
///   writes the terminal's reset strings prepared beforehand (`write`), puts the previous
///   handler back (`sigaction`; e.g. Swift's backtracer) and lets it handle the signal.
enum TerminalSignals {
    static let terminating: [Int32] = [SIGTERM, SIGINT, SIGHUP]
    static let crashing: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

    /// The last termination signal received, 0 for none.
    static let pending = Atomic<Int32>(0)

    /// What the crash handler restores. Written on the UI thread before the handlers are
    /// installed and after they are removed; the handler only reads it.
    nonisolated(unsafe) private static var rescue = Rescue()

    private struct Rescue {
        var armed = false
        var inputFD: Int32 = -1
        var outputFD: Int32 = -1
        var modes = termios()
        var reset = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)
        var resetCount = 0
        /// The handlers we replaced, in `crashing` order, for the crash handler to put back.
        var crashPrevious = UnsafeMutablePointer<sigaction>.allocate(capacity: 8)
    }

    /// Installs the handlers and returns the previous ones, for `uninstall`.
    /// Call before `newterm`: ncurses then keeps our SIGINT/SIGTERM handlers instead of its own.
    static func install(inputFD: Int32, outputFD: Int32, modes: termios) -> [(Int32, sigaction)] {
        _ = pending.load(ordering: .relaxed)  // initialise the static before any handler reads it
        pending.store(0, ordering: .relaxed)
        rescue.inputFD = inputFD
        rescue.outputFD = outputFD
        rescue.modes = modes
        rescue.resetCount = 0
        rescue.armed = true
        var previous: [(Int32, sigaction)] = []
        for signal in terminating {
            previous.append((signal, replace(signal, flags: SA_RESTART) { received in
                TerminalSignals.pending.store(received, ordering: .relaxed)
            }))
        }
        for (index, signal) in crashing.enumerated() {
            let old = replace(signal, flags: 0) { received in
                TerminalSignals.restoreAfterCrash(received)
                // Blocked until the handler returns; a fault instead repeats on return. Either
                // way the previous handler (or the default action) now takes it.
                raise(received)
            }
            rescue.crashPrevious[index] = old
            previous.append((signal, old))
        }
        return previous
    }

    /// The bytes that put the terminal back (attributes off, cursor shown, main screen),
    /// taken from terminfo once ncurses has loaded it.
    static func prepareReset(_ bytes: [UInt8]) {
        let count = min(bytes.count, rescue.reset.count)
        for index in 0..<count { rescue.reset[index] = bytes[index] }
        rescue.resetCount = count
    }

    static func uninstall(_ previous: [(Int32, sigaction)]) {
        for (signal, action) in previous {
            var action = action
            sigaction(signal, &action, nil)
        }
        rescue.armed = false
    }

    private static func replace(_ signal: Int32, flags: Int32,
                                handler: @convention(c) (Int32) -> Void) -> sigaction {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        action.sa_flags = flags
        sigemptyset(&action.sa_mask)
        var old = sigaction()
        sigaction(signal, &action, &old)
        return old
    }

    private static func restoreAfterCrash(_ signal: Int32) {
        for index in 0..<crashing.count where crashing[index] == signal {
            sigaction(signal, rescue.crashPrevious + index, nil)
        }
        guard rescue.armed else { return }
        rescue.armed = false
        _ = tcsetattr(rescue.inputFD, TCSANOW, &rescue.modes)
        if rescue.resetCount > 0 { _ = write(rescue.outputFD, rescue.reset.baseAddress, rescue.resetCount) }
    }
}
