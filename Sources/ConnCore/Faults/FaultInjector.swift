import Glibc

/// Runs a `FaultRequest` on a connection of its own, on a thread of its own, so the console
/// stays free to show the reaction (a paused server blocks the pool's connections, not this
/// one's caller). What happened goes to the event log as `fault` events.
public final class FaultInjector: Sendable {
    private let factory: ConnectionFactory
    private let events: EventLog

    public init(factory: ConnectionFactory, events: EventLog) {
        self.factory = factory
        self.events = events
    }

    /// Starts the fault and returns at once.
    public func inject(_ request: FaultRequest) {
        _ = BackgroundThread { [self] in _ = perform(request) }
    }

    /// Runs the fault to its end (a pause or sleep included) and returns the outcome in words.
    @discardableResult
    public func perform(_ request: FaultRequest) -> String {
        events.record(.fault, request.announcement)
        let outcome = Self.run(request, factory: factory)
        events.record(.fault, outcome)
        return outcome
    }

    /// The outcome in words.
    static func run(_ request: FaultRequest, factory: ConnectionFactory) -> String {
        let client = DirectClient(factory: factory)
        defer { client.close() }
        func send(_ words: [String]) throws(ConsoleError) -> RESPValue {
            try client.execute(words.map { Array($0.utf8) })
        }
        do {
            switch request {
            case .kill:
                guard case .integer(let own) = try send(["CLIENT", "ID"]),
                      case .bulkString(let listing) = try send(["CLIENT", "LIST"]) else {
                    return "fault: kill failed: CLIENT ID or CLIENT LIST gave an unexpected reply"
                }
                // By this process's local ports; by client name only where /proc cannot say.
                let ports = OwnConnections.localPorts()
                let name = factory.settings.clientName ?? ""
                guard ports != nil || !name.isEmpty else {
                    return "fault: kill cannot tell this console's connections apart (no /proc, no client name)"
                }
                let entries = ClientList.parse(String(decoding: listing, as: UTF8.self))
                var killed = 0
                for id in ClientList.victims(entries, named: name, ports: ports, excluding: Int(own)) {
                    if case .integer(let count) = try send(["CLIENT", "KILL", "ID", String(id)]) { killed += Int(count) }
                }
                let whose = ports == nil ? "named \(name)" : "of this console"
                return "fault: killed \(killed) connection\(killed == 1 ? "" : "s") \(whose)"
            case .pause(let seconds), .slow(let seconds):
                let reply = try send(request.commands[0])
                if case .error(let message) = reply {
                    let text = String(decoding: message, as: UTF8.self)
                    let fix = text.contains("DEBUG command not allowed") ? " (set enable-debug-command local in redis.conf)" : ""
                    return "fault: the server refused it: \(text)\(fix)"
                }
                // CLIENT PAUSE answers at once and pauses afterwards; DEBUG SLEEP answers at the end.
                if case .pause = request { usleep(useconds_t(seconds * 1_000_000)) }
                return request.announcement.replacingFirst("fault: ", with: "fault over: ")
            case .restart:
                // The server closes the connection without a reply when SHUTDOWN works.
                let reply = try? send(request.commands[0])
                if case .error(let message)? = reply {
                    return "fault: the server refused SHUTDOWN: \(String(decoding: message, as: UTF8.self))"
                }
                return "fault: the demo server shut down; its supervisor starts it again at once"
            }
        } catch {
            return "fault: \(error.message)"
        }
    }
}

private extension String {
    func replacingFirst(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
