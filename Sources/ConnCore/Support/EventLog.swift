/// Something the connection machinery did that a person watching may want to know about:
/// a retry and its delay, a reconnect, a connection closed and why, a health transition.
public struct ConsoleEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case attempt, retry, outcome, connect, connectFailed, closed, exhausted, health, error, fault, load
    }

    /// Wall-clock seconds (UTC).
    public var time: Double
    public var kind: Kind
    public var message: String

    public init(time: Double, kind: Kind, message: String) {
        self.time = time
        self.kind = kind
        self.message = message
    }
}

/// The last `capacity` events, shared by every thread that reports them. Bounded so a long
/// outage cannot grow memory; `total` keeps counting.
public final class EventLog: Sendable {
    private struct State {
        var ring: [ConsoleEvent] = []
        var next = 0
        var total = 0
    }

    public let capacity: Int
    private let state = PthreadMutex(State())
    private let listener: (@Sendable (ConsoleEvent) -> Void)?

    /// `listener` sees each event as it is recorded (the REPL prints retries as they happen).
    public init(capacity: Int = 500, listener: (@Sendable (ConsoleEvent) -> Void)? = nil) {
        self.capacity = max(1, capacity)
        self.listener = listener
    }

    public func record(_ kind: ConsoleEvent.Kind, _ message: String, time: Double = WallClock.now()) {
        let event = ConsoleEvent(time: time, kind: kind, message: message)
        state.withLock { state in
            if state.ring.count < capacity {
                state.ring.append(event)
            } else {
                state.ring[state.next] = event
            }
            state.next = (state.next + 1) % capacity
            state.total += 1
        }
        listener?(event)
    }

    /// Oldest first.
    public func events() -> [ConsoleEvent] {
        state.withLock { state in
            guard state.ring.count == capacity else { return state.ring }
            return Array(state.ring[state.next...] + state.ring[..<state.next])
        }
    }

    public var total: Int { state.withLock { $0.total } }
}
