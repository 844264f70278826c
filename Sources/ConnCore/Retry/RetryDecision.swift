/// What to do after a failed attempt.
public enum RetryVerdict: Sendable, Equatable {
    case retry
    case fail(CommandOutcome)
}

/// The safe-retry table (DESIGN.md section 5): resend only what cannot run twice. Pure: no I/O,
/// no clock, no state; the caller sleeps `Backoff.delay` between attempts.
///
/// | failure                 | read-only          | write                 |
/// |-------------------------|--------------------|-----------------------|
/// | notSent, transient kind | retry              | retry                 |
/// | notSent, permanent kind | fail(.notExecuted) | fail(.notExecuted)    |
/// | poolExhausted           | fail(.notExecuted) | fail(.notExecuted)    |
/// | refused                 | retry              | retry                 |
/// | afterSend               | retry              | fail(.outcomeUnknown) |
///
/// Once no retry is left, every "retry" above becomes fail(.notExecuted). The pool case never
/// retries because the caller already waited the pool timeout.
///
/// A read-only command that got no reply ends as `.notExecuted`: it may have run, but it changed
/// nothing, and "outcome unknown" would send the user off to check data that cannot differ.
/// The table assumes a command sent on its own; MULTI/EXEC and other session state are the
/// caller's to handle (EXEC and friends are never safe to resend anyway).
public enum RetryDecision {
    /// Retries after the first attempt, by default.
    public static let defaultRetryLimit = 3

    /// `retriesDone` counts the retries already made (0 after the first attempt failed); a retry
    /// is left while it is below `retryLimit`. `safeToResend` comes from `CommandCatalog`.
    public static func decide(_ failure: AttemptFailure, safeToResend: Bool, retriesDone: Int,
                              retryLimit: Int = defaultRetryLimit) -> RetryVerdict {
        let retriesLeft = retriesDone < retryLimit
        switch failure {
        case .notSent(let error):
            return isTransient(error.kind) && retriesLeft ? .retry : .fail(.notExecuted)
        case .poolExhausted:
            return .fail(.notExecuted)
        case .refused:
            return retriesLeft ? .retry : .fail(.notExecuted)
        case .afterSend:
            guard safeToResend else { return .fail(.outcomeUnknown) }
            return retriesLeft ? .retry : .fail(.notExecuted)
        }
    }

    /// Whether a failure before anything was sent may go away by itself. Exhaustive on purpose:
    /// a new kind must be decided here, not fall into a default.
    public static func isTransient(_ kind: ConsoleError.Kind) -> Bool {
        switch kind {
        // DNS is retried too: a resolver restarting (EAI_AGAIN) recovers within the backoff, and
        // a misspelt host fails fast, so the three retries cost well under a second.
        case .resolve, .connect, .timeout, .io:
            return true
        // Certificates, passwords, settings and server refusals do not change by waiting, and
        // repeating a failed AUTH can lock an account or trip an intrusion alarm. A peer that
        // does not speak RESP (protocolError) will not start speaking it on the next try.
        case .tls, .authentication, .configuration, .usage, .server, .protocolError:
            return false
        // The caller already waited the pool timeout, or asked to stop.
        case .poolExhausted, .cancelled:
            return false
        }
    }

    /// Error replies that mean the server refused the command before running it, and that may go
    /// away by themselves (texts as Redis 7.0 sends them):
    ///   LOADING Redis is loading the dataset in memory
    ///   BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.
    ///   TRYAGAIN Multiple keys request during rehashing of slot
    ///   MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.
    ///   CLUSTERDOWN The cluster is down
    ///   NOREPLICAS Not enough good replicas to write.
    /// The code must be the whole first word: BUSYKEY and BUSYGROUP are ordinary errors of a
    /// command that ran.
    static let refusalCodes: Set<Substring> = ["LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN", "CLUSTERDOWN", "NOREPLICAS"]

    /// Sent on accept when the server is full ("... reached", or "... + cluster connections
    /// reached" in cluster mode), before it reads anything.
    static let maxClientsPrefix = "ERR max number of clients"

    /// The server's text when `reply` is an error meaning "refused without running it", else nil
    /// (other errors, and every reply that is not an error).
    public static func refusal(in reply: RESPValue) -> String? {
        guard case .error(let bytes) = reply else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        let code = text.prefix { $0 != " " }
        guard refusalCodes.contains(code) || text.hasPrefix(maxClientsPrefix) else { return nil }
        return text
    }
}
