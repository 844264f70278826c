/// What the REPL must ask before it sends a command (see `SafetyPolicy.confirmation`).
public enum ConfirmationNeed: Sendable, Equatable {
    /// Send it.
    case none
    /// Print the confirmation's warning, read one line, send only if it `accepts` the answer.
    case confirm(Confirmation)
    /// KEYS: ask `DBSIZE` first; confirm as above only when it replies more than `than` keys.
    case ifKeyspaceLarger(than: Int, Confirmation)
}

/// A typed confirmation: what will happen, where, and the answer that lets it happen. Made by
/// `SafetyPolicy` only (the memberwise initializer is internal).
public struct Confirmation: Sendable, Equatable {
    /// The command as people name it: `FLUSHALL`, `CONFIG SET`.
    public var command: String
    /// What it will do, e.g. "deletes every key in every database".
    public var effect: String
    /// `host:port` of the server it would run on.
    public var server: String
    /// What must be typed to go ahead: the command's name, or `yes`.
    public var expectedAnswer: String

    /// The line printed before asking, e.g.
    /// `FLUSHALL on redis.prod:6380 (production profile) deletes every key in every database.`
    public var warning: String { "\(command) on \(server) (production profile) \(effect)." }

    /// The prompt for the answer, e.g. `Type FLUSHALL to run it (anything else cancels): `.
    public var prompt: String { "Type \(expectedAnswer) to run it (anything else cancels): " }

    /// The answer must be the expected words; case and surrounding or repeated blanks do not
    /// matter (`flushall`, ` config  set `), anything else (`y`, an empty line) cancels.
    public func accepts(_ answer: String) -> Bool {
        normalized(answer) == normalized(expectedAnswer)
    }

    private func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ").lowercased()
    }
}
