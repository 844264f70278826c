import ConnCore
import Testing
@testable import ConsoleUI

/// What the REPL prints as events happen: what a person must see now, and nothing routine.
struct EventAnnouncerTests {
    static func event(_ kind: ConsoleEvent.Kind, _ message: String) -> ConsoleEvent {
        ConsoleEvent(time: 1_800_000_000, kind: kind, message: message)
    }

    /// Feeds the events in order and returns what was announced.
    static func announced(_ events: [ConsoleEvent]) -> [String] {
        var announcer = EventAnnouncer()
        return events.compactMap { announcer.line(for: $0) }
    }

    @Test func aPlainStartUpIsSilent() {
        #expect(Self.announced([
            Self.event(.connect, "opened connection #1"),
            Self.event(.connect, "opened connection #2 (kept idle)"),
            Self.event(.error, "COMMAND was refused; using the built-in table of read-only commands"),
            Self.event(.closed, "closed connection #2: stateful"),
            Self.event(.closed, "closed connection #3: cancelled"),
            Self.event(.connect, "opened connection #4"),
        ]).isEmpty)
    }

    /// A scenario: the events in order, and what the scrollback shows.
    struct Scenario: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var events: [(ConsoleEvent.Kind, String)]
        var announced: [String]
    }

    static let scenarios: [Scenario] = [
        Scenario(testDescription: "retries, the reconnect and the outcome", events: [
            (.connect, "opened connection #1"),
            (.closed, "closed connection #1: error"),
            (.connectFailed, "could not open a connection: connection refused"),
            (.retry, "retry 1/3 of GET in 0.13 s: connection refused"),
            (.connectFailed, "could not open a connection: connection refused"),
            (.retry, "retry 2/3 of GET in 0.27 s: connection refused"),
            (.connect, "opened connection #2"),
            (.outcome, "GET succeeded on attempt 3 of 4"),
            (.connect, "opened connection #3"),
        ], announced: [
            "-- retry 1/3 of GET in 0.13 s: connection refused",
            "-- retry 2/3 of GET in 0.27 s: connection refused",
            "-- reconnected: opened connection #2",
            "-- GET succeeded on attempt 3 of 4",
        ]),
        Scenario(testDescription: "failures show their outcome, connect retries and exhaustion", events: [
            (.outcome, "INCR outcome unknown: the connection broke after the command was sent"),
            (.retry, "retry 1/3 to connect in 0.11 s: connection refused"),
            (.exhausted, "pool exhausted: 50/50 in use, waited 5.0 s"),
        ], announced: [
            "-- INCR outcome unknown: the connection broke after the command was sent",
            "-- retry 1/3 to connect in 0.11 s: connection refused",
            "-- pool exhausted: 50/50 in use, waited 5.0 s",
        ]),
        Scenario(testDescription: "a server restart shows one reconnect", events: [
            (.closed, "closed connection #1: stale"),
            (.closed, "closed connection #2: stale"),
            (.connect, "opened connection #3"),
            (.connect, "opened connection #4"),
            (.closed, "closed connection #4: health check"),
            (.connect, "opened connection #5 (kept idle)"),
        ], announced: ["-- reconnected: opened connection #3", "-- reconnected: opened connection #5 (kept idle)"]),
        Scenario(testDescription: "health transitions", events: [
            (.health, "health: ok -> down: connection refused"),
            (.health, "health: down -> ok"),
        ], announced: ["-- health: ok -> down: connection refused", "-- health: down -> ok"]),
    ]

    @Test(arguments: scenarios)
    func announcesWhatMatters(_ scenario: Scenario) {
        #expect(Self.announced(scenario.events.map { Self.event($0.0, $0.1) }) == scenario.announced)
    }
}
