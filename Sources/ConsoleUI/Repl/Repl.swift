import ConnCore
import Glibc

/// Where REPL lines come from: the libedit editor on a terminal, a script in tests.
public protocol LineSource: AnyObject {
    func readLine(prompt: String) -> LineInput
    /// In-memory history (Up, Ctrl-R), whatever reaches the history file.
    func remember(_ line: String)
}

extension LineEditor: LineSource {}

/// Where the REPL stands between commands; `connect host port` changes the statistics too.
public struct ReplStatus: Sendable {
    public var prompt: String
    public var database: Int
    public var connected: Bool
    public var statistics: StatisticsSource
    public var load: ConsoleLoad
}


/// The interactive console, line by line, as redis-cli's REPL: the same prompt, replies and
/// repeat prefix, plus meta commands (`:pool`, ...), retry announcements, production
/// confirmations, `--read-only`, and a history file that never holds a secret.
public final class Repl {
    public struct Options {
        public var configuration: LoadedConfiguration
        public var readOnly = false
        public var historyFile: HistoryFile?
        /// make demo's server restarts after SHUTDOWN (REDISCONSOLE_DEMO_SERVER=supervised).
        public var demoServerSupervised = false
        public init(configuration: LoadedConfiguration) { self.configuration = configuration }
    }

    private var connection: ReplConnection
    private let lines: LineSource
    private let output: OutputSink
    private let formatter: ReplyFormatter
    private let interrupts: InterruptWatcher
    private let announcements: ReplAnnouncements
    private let docs: ReplCommandDocs
    private var options: Options
    private var connected: Bool
    /// Builds the connection for `connect host port`.
    private let reconnect: (ConnectionSettings) throws(ConsoleError) -> ReplConnection

    public init(connection: ReplConnection, lines: LineSource, output: OutputSink, formatter: ReplyFormatter,
                interrupts: InterruptWatcher, announcements: ReplAnnouncements, docs: ReplCommandDocs, options: Options,
                connected: Bool = true, reconnect: @escaping (ConnectionSettings) throws(ConsoleError) -> ReplConnection) {
        self.connected = connected
        self.connection = connection
        self.lines = lines
        self.output = output
        self.formatter = formatter
        self.interrupts = interrupts
        self.announcements = announcements
        self.docs = docs
        self.options = options
        self.reconnect = reconnect
    }

    static let versionLine = "redis-console (commands documented for Redis \(CommandDocs.builtInRedisVersion) and by the server)"

    public var prompt: String {
        let settings = connection.settings
        return PromptFormatter.prompt(host: settings.host, port: settings.port, database: connection.session.database,
                                      inTransaction: connection.session.inTransaction, connected: connected)
    }

    /// Told before each prompt what the console is connected to (the dashboard's header).
    public var willReadLine: ((ReplStatus) -> Void)?

    public var status: ReplStatus {
        ReplStatus(prompt: prompt, database: connection.session.database, connected: connected,
                   statistics: connection.statistics, load: connection.load)
    }

    /// Runs until `quit`, `exit` or Ctrl-D. Returns the process exit status.
    public func run() -> Int32 {
        while true {
            announcements.drain()
            willReadLine?(status)
            switch lines.readLine(prompt: prompt) {
            case .endOfFile:
                return 0
            case .interrupted:
                continue
            case .line(let bytes):
                if handle(bytes) == .quit { return 0 }
            }
        }
    }

    enum Next { case `continue`, quit }

    /// One line typed at the prompt.
    func handle(_ bytes: [UInt8]) -> Next {
        let text = String(decoding: bytes, as: UTF8.self)
        guard !text.allSatisfy({ $0 == " " || $0 == "\t" }) else { return .continue }
        remember(bytes, text)
        if MetaCommand.isMeta(bytes) {
            runMeta(bytes)
            return .continue
        }
        guard var argv = ArgvSplitter.split(bytes), !argv.isEmpty else {
            write(ArgvSplitter.invalidArgumentsMessage)
            return .continue
        }
        var repeats = 1
        switch RepeatPrefix.of(argv) {
        case .invalid:
            writeLine(RepeatPrefix.invalidMessage)
            return .continue
        case .times(let count):
            repeats = count
            argv = RepeatPrefix.command(of: argv)
        case .none:
            break
        }
        let word = String(decoding: argv[0], as: UTF8.self).lowercased()
        switch word {
        case "quit", "exit":
            return .quit
        case "clear":
            output.clearScreen()
            return .continue
        case "connect":
            connect(argv)
            return .continue
        default:
            break
        }
        if CommandHelp.isHelpCommand(argv) {
            write(CommandHelp.render(Array(argv.dropFirst()), docs: docs.current, versionLine: Self.versionLine))
            return .continue
        }
        guard allowed(argv) else { return .continue }
        for _ in 0..<repeats {
            if !run(argv) { break }
        }
        return .continue
    }

    // MARK: commands

    /// Runs one command and prints its reply; false when it failed (a repeat then stops).
    private func run(_ argv: [[UInt8]]) -> Bool {
        let token = interrupts.begin()
        defer { interrupts.end() }
        let start = Deadline.now()
        do {
            let reply = try connection.session.execute(argv, cancellation: token)
            connected = true
            writeReply(formatter.format(reply, verbatim: ReplyFormatter.isVerbatimCommand(argv)))
            if StreamingCommands.isStreaming(argv), !reply.isError, connection.session.holdsConnection {
                stream(token)
            } else if SlowCommandTiming.applies(to: formatter.style), let timing = SlowCommandTiming.suffix(seconds: Deadline.seconds(since: start)) {
                writeLine(timing)
            }
            return true
        } catch {
            if token.isCancelled { write([0x0a]) }  // after the terminal's ^C echo
            if error.kind == .connect || error.kind == .resolve { connected = false }
            report(error)
            return false
        }
    }

    /// SUBSCRIBE/MONITOR: messages until Ctrl-C, then the prompt returns and the connection,
    /// still subscribed, is closed rather than pooled.
    private func stream(_ token: CancellationToken) {
        if formatter.style != .raw { write(StreamingCommands.readingMessagesBanner) }
        while true {
            do {
                let message = try connection.session.nextPushed(cancellation: token)
                writeReply(formatter.format(message, verbatim: false))
            } catch {
                if token.isCancelled {
                    write([0x0a])  // the terminal echoed ^C; the prompt starts on a new line
                } else {
                    report(error)
                }
                connection.session.endStream()
                return
            }
        }
    }

    /// `--read-only` refusals and, in production, a typed confirmation for destructive commands.
    private func allowed(_ argv: [[UInt8]]) -> Bool {
        if options.readOnly, let refusal = SafetyPolicy.readOnlyRefusal(for: argv, catalog: connection.client.catalog) {
            report(refusal)
            return false
        }
        let need = SafetyPolicy.confirmation(for: argv, profile: options.configuration.profile, server: connection.endpoint)
        let confirmation: Confirmation
        switch need {
        case .none:
            return true
        case .confirm(let asked):
            confirmation = asked
        case .ifKeyspaceLarger(let threshold, let asked):
            guard case .integer(let size)? = try? connection.session.execute([Array("DBSIZE".utf8)]), size > threshold else {
                return true
            }
            confirmation = asked
        }
        writeLine(confirmation.warning)
        guard case .line(let answer) = lines.readLine(prompt: confirmation.prompt),
              confirmation.accepts(String(decoding: answer, as: UTF8.self)) else {
            writeLine("Not run.")
            return false
        }
        return true
    }

    private func connect(_ argv: [[UInt8]]) {
        guard argv.count == 3, let port = Int(String(decoding: argv[2], as: UTF8.self)), (1...65535).contains(port) else {
            report(ConsoleError(.usage, "connect needs a host and a port", hint: "connect HOST PORT, e.g. connect 127.0.0.1 6380"))
            return
        }
        var settings = connection.settings
        settings.host = String(decoding: argv[1], as: UTF8.self)
        settings.port = port
        do {
            let next = try reconnect(settings)
            connection.shutdown()
            connection = next
            connection.start()
            try connection.session.connect()
            connected = true
        } catch {
            connected = false
            report(error)
        }
    }

    private func runMeta(_ bytes: [UInt8]) {
        if let action = MetaCommand.action(in: bytes) {
            runAction(action.name, action.arguments)
            return
        }
        do {
            let meta = try MetaCommand.parse(bytes)
            let snapshot = connection.statistics.snapshot()
            if meta.json {
                writeLine(MetaCommandJSON.render(meta.kind, snapshot: snapshot, configuration: options.configuration).serialized())
            } else {
                MetaCommandRenderer.render(meta, snapshot: snapshot, configuration: options.configuration).forEach(writeLine)
            }
        } catch {
            report(error)
        }
    }

    /// `:fault ...` and `:load ...`: announced here, run in the background, their outcome in the
    /// event log.
    private func runAction(_ name: String, _ arguments: [String]) {
        do throws(ConsoleError) {
            if name == "load" {
                let request = try LoadRequest.parse(arguments, profile: options.configuration.profile, readOnly: options.readOnly)
                try connection.load.handle(request).forEach(writeLine)
                return
            }
            let request = try FaultRequest.parse(arguments)
            let settings = connection.settings
            if let refusal = request.refusal(profile: options.configuration.profile, readOnly: options.readOnly, host: settings.host,
                                             demoServerSupervised: options.demoServerSupervised) {
                throw refusal
            }
            writeLine(request.announcement + "; watch the pool, health and events")
            connection.faults.inject(request)
        } catch {
            report(error)
        }
    }

    // MARK: history and output

    /// Every line is recallable in this session; only safe ones reach the history file.
    private func remember(_ bytes: [UInt8], _ text: String) {
        lines.remember(text)
        guard let file = options.historyFile,
              HistoryPolicy.shouldPersist(line: bytes, password: options.configuration.connection.password?.reveal()) else { return }
        do {
            _ = try file.append(bytes)
        } catch {
            // Once: a broken history file must not nag at every line.
            options.historyFile = nil
            report(ConsoleError(error.kind, "history is not saved for this session: \(error.message)", hint: error.hint))
        }
    }

    private func write(_ bytes: [UInt8]) { output.write(bytes, to: .stdout) }

    /// Server text never drives the terminal: control bytes are escaped unless --raw was asked.
    private func writeReply(_ bytes: [UInt8]) {
        write(formatter.style == .raw ? bytes : TerminalSafeText.escapeControls(bytes))
    }

    private func writeLine(_ text: String) { write(Array((text + "\n").utf8)) }

    /// Our own errors (not error replies) as in command mode: `Error: ...` with the fix.
    private func report(_ error: ConsoleError) {
        output.report(error)
    }
}
