import ConnCore

/// Which events the REPL prints in the scrollback as they happen (from `EventLog`'s listener),
/// each as one `-- ` line, e.g. `-- retry 1/3 of GET in 0.13 s: connection refused`.
///
/// Announced: retries (of a command or of a connect), the outcome that ends a run of retries,
/// pool exhaustion, health transitions, and the first connection opened after a failure (a
/// failed open, or a connection closed for an error, a failed health check or because the
/// server had dropped it). Routine events stay silent and remain in `:retries`: connections
/// opened on demand or kept idle, failures themselves (the retry or the command's error
/// already says so), closes for session state or cancel, and internal notes.
///
/// A value with a little memory: "reconnected" needs to know that a failure came first, which
/// one event alone cannot tell. Feed it every event, in order.
public struct EventAnnouncer: Sendable {
    /// A failure was seen and no connection has opened since.
    private var awaitingReconnect = false

    public init() {}

    public mutating func line(for event: ConsoleEvent) -> String? {
        switch event.kind {
        case .retry, .outcome, .exhausted, .health, .fault, .load:
            return "-- " + event.message
        case .connectFailed:
            awaitingReconnect = true
            return nil
        case .closed:
            if Self.failureCloseReasons.contains(where: { event.message.hasSuffix(": " + $0.rawValue) }) {
                awaitingReconnect = true
            }
            return nil
        case .connect:
            guard awaitingReconnect else { return nil }
            awaitingReconnect = false
            return "-- reconnected: " + event.message
        case .attempt, .error:
            return nil
        }
    }

    /// Closes that mean the server or the network failed (`closed connection #3: stale`).
    static let failureCloseReasons: [CloseReason] = [.error, .stale, .healthCheck]
}
