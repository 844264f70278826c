/// A fault the presenter asks for with `:fault`, to show the pool, retries and health react:
/// `kill` (CLIENT KILL of this console's connections), `pause [s]` (CLIENT PAUSE),
/// `slow [s]` (DEBUG SLEEP), `restart` (the local demo server only). Pure: parsing, the
/// refusals, and the commands each fault sends.
public enum FaultRequest: Sendable, Equatable {
    case kill
    case pause(seconds: Double)
    case slow(seconds: Double)
    case restart

    public static let usage = ":fault kill | pause [seconds] | slow [seconds] | restart"
    static let defaultSeconds = 3.0
    static let longestSeconds = 60.0

    /// `words` are the arguments after `:fault`.
    public static func parse(_ words: [String]) throws(ConsoleError) -> FaultRequest {
        guard let name = words.first?.lowercased() else {
            throw ConsoleError(.usage, ":fault needs a fault to inject", hint: usage)
        }
        let rest = Array(words.dropFirst())
        switch name {
        case "kill", "restart":
            guard rest.isEmpty else { throw ConsoleError(.usage, ":fault \(name) takes no arguments", hint: usage) }
            return name == "kill" ? .kill : .restart
        case "pause", "slow":
            guard rest.count <= 1 else { throw ConsoleError(.usage, ":fault \(name) takes at most a number of seconds", hint: usage) }
            var seconds = defaultSeconds
            if let text = rest.first {
                guard let value = Double(text), value.isFinite, value > 0, value <= longestSeconds else {
                    throw ConsoleError(.usage, ":fault \(name): '\(text)' is not a number of seconds from 0 to 60",
                                       hint: "e.g. :fault \(name) 2.5")
                }
                seconds = value
            }
            return name == "pause" ? .pause(seconds: seconds) : .slow(seconds: seconds)
        default:
            throw ConsoleError(.usage, "unknown fault '\(name)'", hint: usage)
        }
    }

    /// Why this console must not inject the fault here, or nil. Faults are for demonstrations:
    /// never in production, and a restart only of a demo server a supervisor brings back.
    public func refusal(profile: Profile, readOnly: Bool = false, host: String, demoServerSupervised: Bool) -> ConsoleError? {
        if readOnly {
            return ConsoleError(.usage, "fault injection is refused in a --read-only console",
                                hint: "start the console without --read-only to inject faults")
        }
        if profile == .production {
            return ConsoleError(.usage, "fault injection is refused in the production profile",
                                hint: "use it against a development or testing server (--profile development)")
        }
        if self == .restart, !(demoServerSupervised && Endpoint.isLoopback(host)) {
            return ConsoleError(.usage, ":fault restart only restarts the local demo server started by make demo",
                                hint: "run make demo, or restart your server yourself to watch the reconnects")
        }
        return nil
    }

    /// What the fault sends; `kill` first lists the clients (see `ClientList.victims`).
    public var commands: [[String]] {
        switch self {
        case .kill: return [["CLIENT", "ID"], ["CLIENT", "LIST"]]
        case .pause(let seconds): return [["CLIENT", "PAUSE", String(Int((seconds * 1000).rounded())), "ALL"]]
        case .slow(let seconds): return [["DEBUG", "SLEEP", Figures.decimal(seconds, places: 3)]]
        case .restart: return [["SHUTDOWN", "NOSAVE"]]
        }
    }

    /// One line saying what is about to happen, for the console and the event log.
    public var announcement: String {
        switch self {
        case .kill: return "fault: killing this console's connections (CLIENT KILL)"
        case .pause(let seconds): return "fault: pausing the server for \(Figures.decimal(seconds, places: 1)) s (CLIENT PAUSE ALL)"
        case .slow(let seconds): return "fault: the server sleeps for \(Figures.decimal(seconds, places: 1)) s (DEBUG SLEEP)"
        case .restart: return "fault: restarting the demo server (SHUTDOWN NOSAVE; make demo's supervisor starts it again)"
        }
    }
}

/// The lines of `CLIENT LIST`, as far as faults need them.
public enum ClientList {
    public struct Entry: Sendable, Equatable {
        public var id: Int
        public var name: String
        /// The client's port (`addr=127.0.0.1:54321`, `addr=[::1]:54321`).
        public var port: Int?
    }

    public static func parse(_ text: String) -> [Entry] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).compactMap { line in
            var id: Int?
            var name = ""
            var port: Int?
            for field in line.split(separator: " ") {
                if field.hasPrefix("id=") { id = Int(field.dropFirst(3)) }
                if field.hasPrefix("name=") { name = String(field.dropFirst(5)) }
                if field.hasPrefix("addr="), let last = field.split(separator: ":").last { port = Int(last) }
            }
            return id.map { Entry(id: $0, name: name, port: port) }
        }
    }

    /// This console's connections, not the one asking: those from one of `ports` (this
    /// process's sockets) when known, else every connection with this console's client name.
    public static func victims(_ entries: [Entry], named name: String, ports: Set<Int>?, excluding own: Int) -> [Int] {
        entries.filter { entry in
            guard entry.id != own else { return false }
            if let ports { return entry.port.map(ports.contains) ?? false }
            return entry.name == name
        }.map(\.id)
    }
}
