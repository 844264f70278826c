import ConnCore
import Glibc

/// Puts retries, reconnects and health changes into the scrollback as they happen. Events
/// raised on the REPL's own thread (a retry inside the running command) print at once; events
/// from other threads (the health prober) wait in a mailbox until the REPL is between lines,
/// so they never cut through the line being edited.
public final class ReplAnnouncements: @unchecked Sendable {
    private let output: OutputSink
    private let replThread = pthread_self()
    private let state = PthreadMutex<(announcer: EventAnnouncer, pending: [String])>((EventAnnouncer(), []))

    public init(output: OutputSink) {
        self.output = output
    }

    /// For `EventLog(listener:)`.
    public func listen(_ event: ConsoleEvent) {
        let onReplThread = pthread_equal(pthread_self(), replThread) != 0
        let line: String? = state.withLock { state in
            guard let line = state.announcer.line(for: event) else { return nil }
            if onReplThread { return line }
            state.pending.append(line)
            return nil
        }
        if let line { output.write(Array((line + "\n").utf8), to: .stdout) }
    }

    /// Prints what other threads announced since the last call.
    public func drain() {
        let lines = state.withLock { state -> [String] in
            defer { state.pending.removeAll() }
            return state.pending
        }
        for line in lines { output.write(Array((line + "\n").utf8), to: .stdout) }
    }
}
