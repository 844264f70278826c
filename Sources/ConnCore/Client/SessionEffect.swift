/// What a command does to the connection it runs on, beyond its reply. Commands that leave
/// state behind run on a connection the session holds for itself, never on a shared one.
public enum SessionEffect: Sendable, Equatable {
    /// Stateless: any pooled connection will do, and it goes back afterwards.
    case none
    /// MULTI or WATCH: hold the connection until the transaction ends.
    case beginsTransaction
    /// EXEC or DISCARD (and UNWATCH outside MULTI): the held connection is clean again.
    case endsTransaction
    /// SUBSCRIBE family, MONITOR: the connection now streams; it is closed when the stream ends.
    case startsStream
    /// CLIENT TRACKING ON, CLIENT REPLY, AUTH, HELLO, RESET: state no one else may inherit;
    /// held for the rest of the session, then closed.
    case holdsForSession
    /// SELECT n: the session's database changes once the server accepts it; every connection
    /// the session uses afterwards is switched to it first.
    case selects(Int)
    /// QUIT, SYNC/PSYNC, an UNSUBSCRIBE outside a stream, CLIENT SETNAME/NO-EVICT/NO-TOUCH,
    /// READONLY/READWRITE, ASKING: runs on a pooled connection, which is then closed, because
    /// what it leaves behind (a closing socket, a replication stream, extra replies, a changed
    /// client) must not reach the next user.
    case closesAfter

    public static func of(_ argv: [[UInt8]]) -> SessionEffect {
        guard let first = argv.first else { return .none }
        let name = String(decoding: first, as: UTF8.self).uppercased()
        let second = argv.count > 1 ? String(decoding: argv[1], as: UTF8.self).uppercased() : ""
        switch name {
        case "MULTI", "WATCH": return .beginsTransaction
        case "EXEC", "DISCARD", "UNWATCH": return .endsTransaction
        case "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "MONITOR": return .startsStream
        case "AUTH", "HELLO", "RESET": return .holdsForSession
        case "CLIENT" where second == "TRACKING" || second == "REPLY": return .holdsForSession
        case "CLIENT" where ["SETNAME", "SETINFO", "NO-EVICT", "NO-TOUCH"].contains(second): return .closesAfter
        case "QUIT", "SYNC", "PSYNC", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE", "READONLY", "READWRITE", "ASKING":
            return .closesAfter
        case "SELECT" where argv.count == 2:
            return Int(second).map { .selects($0) } ?? .none
        default: return .none
        }
    }
}
