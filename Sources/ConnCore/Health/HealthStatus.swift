/// How the server looked at one probe. Degraded means it answers but something needs a person;
/// down means it does not answer at all.
public enum HealthStatus: Sendable, Equatable {
    case ok
    case degraded(reasons: [String])
    case down(reason: String)

    /// One word, for a status column and for spotting transitions.
    public var label: String {
        switch self {
        case .ok: return "ok"
        case .degraded: return "degraded"
        case .down: return "down"
        }
    }

    /// One line: the label and every reason, e.g. `degraded: PING took 250 ms; ...`.
    public var summary: String {
        switch self {
        case .ok: return "ok"
        case .degraded(let reasons): return "degraded: " + reasons.joined(separator: "; ")
        case .down(let reason): return "down: " + reason
        }
    }
}
