import Synchronization

/// Lets another thread stop a command: a wait for a pool connection, a backoff sleep, or a
/// request blocked on the network (Ctrl-C, a deadline of the caller's own).
public final class CancellationToken: Sendable {
    private struct State {
        var cancelled = false
        var handler: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    public init() {}

    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Runs the current handler (interrupting what is in flight) and every later check sees it.
    public func cancel() {
        state.withLock { state in
            guard !state.cancelled else { return }
            state.cancelled = true
            // Under the lock: once `clearHandler` returns, no handler is running or can run, so
            // a connection is never interrupted after its owner moved on.
            state.handler?()
        }
    }

    /// Installs what `cancel` does while an operation runs; false if already cancelled.
    func setHandler(_ handler: @escaping @Sendable () -> Void) -> Bool {
        state.withLock { state in
            guard !state.cancelled else { return false }
            state.handler = handler
            return true
        }
    }

    func clearHandler() {
        state.withLock { $0.handler = nil }
    }
}
