/// What a session's held connection carries, as a value: which state keeps it held, whether
/// MULTI is open, and what a queued SELECT will do. `ClientSession` feeds it each reply and
/// does what it answers; the rules are tested without a server.
public struct HeldConnectionState: Sendable, Equatable {
    public enum Hold: Int, Sendable, Comparable {
        case transaction, stream, session
        public static func < (lhs: Hold, rhs: Hold) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// What to do with the held connection after a reply.
    public enum Next: Sendable, Equatable {
        case keep
        /// Clean again (EXEC, DISCARD, UNWATCH): back to the pool.
        case release
    }

    /// The database the server now has selected on the held connection, if it changed.
    public enum DatabaseChange: Sendable, Equatable {
        case unchanged
        case selected(Int)
    }

    public struct Outcome: Sendable, Equatable {
        public var next: Next
        public var database: DatabaseChange

        public init(next: Next, database: DatabaseChange) {
            self.next = next
            self.database = database
        }
    }

    public private(set) var hold: Hold?
    public private(set) var inTransaction = false
    /// Commands queued since MULTI, to find a queued SELECT's result in EXEC's reply.
    private var queued = 0
    private var queuedSelect: (index: Int, database: Int)?
    /// A connection that carried AUTH, HELLO or CLIENT TRACKING state was lost: commands must
    /// not silently run as someone else until the user sets that state again.
    public private(set) var sessionStateLost = false

    public init() {}

    public static func == (lhs: HeldConnectionState, rhs: HeldConnectionState) -> Bool {
        lhs.hold == rhs.hold && lhs.inTransaction == rhs.inTransaction && lhs.queued == rhs.queued
            && lhs.queuedSelect?.index == rhs.queuedSelect?.index && lhs.queuedSelect?.database == rhs.queuedSelect?.database
            && lhs.sessionStateLost == rhs.sessionStateLost
    }

    /// Whether `effect` must run on a held connection.
    public func needsHeldConnection(_ effect: SessionEffect) -> Bool {
        if hold != nil { return true }
        switch effect {
        case .beginsTransaction, .startsStream, .holdsForSession: return true
        default: return false
        }
    }

    /// The server answered `reply` to a command named `name` (upper case) on the held connection.
    public mutating func record(_ effect: SessionEffect, name: String, reply: RESPValue) -> Outcome {
        let accepted = !reply.isError
        if inTransaction, name != "EXEC", name != "DISCARD" {
            // Inside MULTI the server only queues: nothing takes effect until EXEC.
            if reply == .simple("QUEUED") {
                if case .selects(let database) = effect { queuedSelect = (queued, database) }
                queued += 1
            }
            return Outcome(next: .keep, database: .unchanged)
        }
        var database = DatabaseChange.unchanged
        switch effect {
        case .endsTransaction where inTransaction:
            if case .array(let results) = reply, let select = queuedSelect, select.index < results.count,
               results[select.index] == .simple("OK") {
                database = .selected(select.database)
            }
            endTransaction()
            return Outcome(next: hold == .transaction ? releaseHold() : .keep, database: database)
        case .endsTransaction where hold == .transaction:
            // UNWATCH, or EXEC/DISCARD refused outside MULTI: only UNWATCH clears the watches.
            return Outcome(next: name == "UNWATCH" && accepted ? releaseHold() : .keep, database: .unchanged)
        case .beginsTransaction where accepted:
            hold = max(hold ?? .transaction, .transaction)
            if name == "MULTI" {
                inTransaction = true
                queued = 0
                queuedSelect = nil
            }
        case .startsStream where accepted:
            hold = max(hold ?? .stream, .stream)
        case .holdsForSession where accepted:
            // A refused AUTH or CLIENT TRACKING changes nothing on the connection.
            hold = .session
            sessionStateLost = false
            if name == "RESET" {
                endTransaction()
                database = .selected(0)
            }
        case .selects(let number) where accepted:
            database = .selected(number)
        default:
            break
        }
        return Outcome(next: hold == nil ? .release : .keep, database: database)
    }

    /// The held connection failed or was given up: everything on it is gone.
    public mutating func connectionLost() {
        if hold == .session { sessionStateLost = true }
        hold = nil
        endTransaction()
    }

    /// `connect` or an explicit reset: start afresh.
    public mutating func reset() {
        self = HeldConnectionState()
    }

    private mutating func endTransaction() {
        inTransaction = false
        queued = 0
        queuedSelect = nil
    }

    private mutating func releaseHold() -> Next {
        hold = nil
        return .release
    }
}
