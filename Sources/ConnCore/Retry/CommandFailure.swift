/// What went wrong with one attempt to run a command, sorted by the only question a resend
/// depends on: could the server have run it?
public enum AttemptFailure: Sendable, Equatable {
    /// Connect, DNS, TLS or the handshake failed: nothing reached the server.
    case notSent(ConsoleError)
    /// No pooled connection became free: nothing was sent, and the caller already waited.
    case poolExhausted(ConsoleError)
    /// The server answered with an error that means it did not run the command (its text, see
    /// `RetryDecision.refusal(in:)`).
    case refused(String)
    /// A timeout, I/O or protocol error after the command was written: it may have run.
    case afterSend(ConsoleError)
}

/// How a command ended when it ended without a reply. The user is always told which.
public enum CommandOutcome: Sendable, Equatable {
    /// Nothing changed on the server: it never got the command, refused it, or the command only
    /// reads. Running it again is safe.
    case notExecuted
    /// The command may have run: running it again could apply it twice.
    case outcomeUnknown

    /// The error shown for a command that ended this way after `failure`, once `retries` retries
    /// were spent. The first line says which outcome it is, so nobody has to guess.
    public func error(for failure: AttemptFailure, retries: Int) -> ConsoleError {
        let spent = retries > 0 ? " (gave up after \(retries) \(retries == 1 ? "retry" : "retries"))" : ""
        let kind: ConsoleError.Kind
        let what: String
        var hint: String?
        var cause: String?
        switch failure {
        case .notSent(let error), .poolExhausted(let error):
            (kind, what, hint, cause) = (error.kind, error.message, error.hint, error.cause)
        case .refused(let reason):
            (kind, what) = (.server, "the server refused it without running it: \(reason)")
            hint = "nothing changed; run it again once the server has recovered"
        case .afterSend(let error):
            (kind, what, cause) = (error.kind, error.message, error.cause)
            // notExecuted after the send is only ever decided for a command that only reads.
            hint = "the command only reads, so nothing changed; it is safe to run it again"
        }
        switch self {
        case .notExecuted:
            return ConsoleError(kind, "not executed: \(what)\(spent)", hint: hint, cause: cause)
        case .outcomeUnknown:
            return ConsoleError(kind, "outcome unknown: the command may have run on the server: \(what)\(spent)",
                                hint: "check the data (read the value, its TTL, ...) before running it again: it may already have been applied",
                                cause: cause)
        }
    }
}
