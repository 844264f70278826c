import Synchronization

/// A plaintext server that speaks just enough RESP to misbehave on purpose: it reads each
/// command and answers with whatever the test scripted (malformed replies, a reply cut off
/// mid-way, a stall, a close). It records the commands it received.
///
///     let server = try FakeRESPServer { command in
///         command.first?.uppercased() == "GET" ? .replyAndClose("$10\r\nhal") : .reply("+OK\r\n")
///     }
public final class FakeRESPServer: Sendable {
    /// What to do with one command.
    public struct Action: Sendable {
        public enum Then: Sendable {
            case keepOpen   // read the next command
            case close      // close the connection
            case stall      // keep the connection open and never answer again
        }

        public var bytes: [UInt8]
        public var then: Then

        public init(bytes: [UInt8], then: Then) {
            self.bytes = bytes
            self.then = then
        }

        public static func reply(_ bytes: [UInt8]) -> Action { Action(bytes: bytes, then: .keepOpen) }
        public static func reply(_ text: String) -> Action { reply(Array(text.utf8)) }
        public static func replyAndClose(_ bytes: [UInt8]) -> Action { Action(bytes: bytes, then: .close) }
        public static func replyAndClose(_ text: String) -> Action { replyAndClose(Array(text.utf8)) }
        public static func replyAndStall(_ text: String) -> Action { Action(bytes: Array(text.utf8), then: .stall) }
        public static let close = Action(bytes: [], then: .close)
        public static let stall = Action(bytes: [], then: .stall)
    }

    // Malformed or hostile replies the client must survive.
    public static let hugeBulkLength = "$99999999999999\r\n"
    public static let hugeArrayLength = "*99999999999999\r\n"
    public static let unknownType = "?garbage\r\n"
    public static let truncatedBulk = "$10\r\nhal"

    private let listener: LoopbackListener
    private let log: CommandLog

    /// - handler: called on a listener thread for every command (argv), returns what to send.
    public init(address: LoopbackAddress = .ipv4,
                handler: @escaping @Sendable (_ command: [String]) -> Action) throws {
        // Shared with the listener's threads through a reference they can hold.
        let log = CommandLog()
        listener = try LoopbackListener(address: address) { connection in
            var parser = RESPRequestParser()
            while let bytes = connection.read() {
                guard case .commands(let commands) = parser.feed(bytes) else { return }
                for command in commands {
                    log.append(command)
                    let action = handler(command)
                    if !action.bytes.isEmpty && !connection.write(action.bytes) { return }
                    switch action.then {
                    case .keepOpen: continue
                    case .close: return
                    case .stall:
                        connection.holdOpen()
                        return
                    }
                }
            }
        }
        self.log = log
    }

    /// Answers every command the same way.
    public convenience init(address: LoopbackAddress = .ipv4, everyCommand action: Action) throws {
        try self.init(address: address) { _ in action }
    }

    /// Answers the connection handshake like a real server (AUTH, HELLO 2, CLIENT SETNAME,
    /// SELECT), so a test reaches the command it wants to break; everything else goes to `handler`.
    public static func afterHandshake(address: LoopbackAddress = .ipv4,
                                      _ handler: @escaping @Sendable (_ command: [String]) -> Action) throws -> FakeRESPServer {
        try FakeRESPServer(address: address) { command in
            switch command.first?.uppercased() {
            case "AUTH", "SELECT": return .reply("+OK\r\n")
            case "CLIENT" where command.count > 1 && command[1].uppercased() == "SETNAME":
                return .reply("+OK\r\n")
            case "HELLO": return .reply(helloReply)
            default: return handler(command)
            }
        }
    }

    /// A RESP2 HELLO reply as redis 7.0 sends it.
    public static let helloReply =
        "*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n"
        + "$5\r\nproto\r\n:2\r\n$2\r\nid\r\n:1\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n"
        + "$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n"

    public var host: String { listener.host }
    public var port: Int { listener.port }
    public var acceptedConnections: Int { listener.acceptedConnections }
    /// Every command received so far, in order, across connections.
    public var commands: [[String]] { log.all }

    public func stop() { listener.stop() }
}

/// Thread-safe list of received commands.
private final class CommandLog: Sendable {
    private let entries = Mutex<[[String]]>([])
    func append(_ command: [String]) { entries.withLock { $0.append(command) } }
    var all: [[String]] { entries.withLock { $0 } }
}
