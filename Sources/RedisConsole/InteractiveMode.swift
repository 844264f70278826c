import ConnCore
import ConsoleUI
import Glibc

/// Wiring for the interactive console: the editor, the history file, the connection with its
/// pool and health prober, and the REPL. Decisions live in ConsoleUI's Repl.
extension RedisConsoleMain {
    static func runInteractive(_ loaded: LoadedConfiguration, environment: [String: String], streams: StandardStreams) -> Int32 {
        // First, before any other thread exists: Ctrl-C then cancels the running command.
        let interrupts = InterruptWatcher()
        interrupts.start()
        let announcements = ReplAnnouncements(output: streams)
        let events = EventLog(listener: { announcements.listen($0) })
        let build = { (settings: ConnectionSettings) throws(ConsoleError) -> ReplConnection in
            try ReplConnection(settings: settings, pool: loaded.pool, retry: loaded.retry, events: events)
        }
        let connection: ReplConnection
        do {
            connection = try build(loaded.connection)
        } catch {
            streams.writeLine("Error: \(error.description)", to: .stderr)
            return 1
        }
        connection.start()
        defer { connection.shutdown() }
        // As redis-cli: a server that cannot be reached leaves a `not connected> ` prompt.
        var connected = true
        do {
            let tls = try connection.session.connect()
            TLSReport.expiryWarnings(tls, now: Int64(time(nil))).forEach { streams.writeLine($0, to: .stderr) }
        } catch {
            connected = false
            streams.writeLine("Error: \(error.description)", to: .stderr)
        }

        let editor = LineEditor(settings: LineEditorSettings(viMode: loaded.options.viMode))
        var options = Repl.Options(configuration: loaded)
        options.readOnly = loaded.options.readOnly
        if let path = HistoryLocation.resolve(environment: environment).path {
            let file = HistoryFile(path: path)
            let previous = file.load()
            previous.warnings.forEach { streams.writeLine("Warning: \($0.description)", to: .stderr) }
            editor.preload(previous.entries.map { String(decoding: $0, as: UTF8.self) })
            options.historyFile = file
        }
        let docs = ReplCommandDocs()
        docs.learn(from: connection.client.factory)
        let metaNames = MetaCommand.Kind.allCases.map { ":" + $0.rawValue }
        editor.hint = { line in CommandHints.hint(for: line, docs: docs.current) }
        editor.completion = { before in
            let found = CommandCompletion.complete(before, docs: docs.current, metaCommands: metaNames)
            return CompletionResult(candidates: found.candidates, replaceLength: found.replaceLength)
        }
        let style = ReplyStyle(loaded.options.output, stdoutIsTTY: StandardStreams.stdoutIsTerminal)
        let repl = Repl(connection: connection, lines: editor, output: streams, formatter: ReplyFormatter(style: style),
                        interrupts: interrupts, announcements: announcements, docs: docs, options: options,
                        connected: connected, reconnect: build)
        return repl.run()
    }
}
