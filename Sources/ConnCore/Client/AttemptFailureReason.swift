extension AttemptFailure {
    /// A few words for the event log: "connection refused", "LOADING Redis is loading...".
    public var reason: String {
        switch self {
        case .notSent(let error), .poolExhausted(let error), .afterSend(let error): return error.message
        case .refused(let text): return text
        }
    }
}
