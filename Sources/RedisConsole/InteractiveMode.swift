import ConnCore
import ConsoleUI
import Glibc

/// Wiring for the interactive console: the dashboard on a terminal ncurses knows, else the
/// line-by-line REPL; both run the same `Repl` over the same connection, pool and prober.
/// Decisions live in ConsoleUI.
extension RedisConsoleMain {
    static func runInteractive(_ loaded: LoadedConfiguration, environment: [String: String], streams: StandardStreams) -> Int32 {
        let surface = InteractiveSurface.choose(noTUI: loaded.options.noTUI, stdinIsTerminal: StandardStreams.stdinIsTerminal,
                                                stdoutIsTerminal: StandardStreams.stdoutIsTerminal, term: environment["TERM"])
        if surface == .dashboard {
            // Before any other thread: a terminal ncurses refuses leaves the REPL free to start.
            do {
                let devices = try DashboardDevices(viMode: loaded.options.viMode)
                return runDashboard(loaded, devices: devices, environment: environment)
            } catch {
                streams.writeLine("Warning: \(error.description); using the line console (--no-tui)", to: .stderr)
            }
        }
        return runLineConsole(loaded, environment: environment, streams: streams)
    }

    /// The REPL on the terminal itself, as redis-cli's.
    static func runLineConsole(_ loaded: LoadedConfiguration, environment: [String: String], streams: StandardStreams) -> Int32 {
        // First, before any other thread exists: Ctrl-C then cancels the running command.
        let interrupts = InterruptWatcher()
        interrupts.start()
        let announcements = ReplAnnouncements(output: streams)
        let events = EventLog(listener: { announcements.listen($0) })
        let parts: InteractiveParts
        do {
            parts = try InteractiveParts(loaded, environment: environment, events: events, probeInterval: nil)
        } catch {
            streams.writeLine("Error: \(error.description)", to: .stderr)
            return 1
        }
        defer { parts.connection.shutdown() }
        parts.notes.forEach { streams.writeLine($0, to: .stderr) }

        let editor = LineEditor(settings: LineEditorSettings(viMode: loaded.options.viMode))
        editor.preload(parts.history)
        let docs = parts.docs
        editor.hint = { line in CommandHints.hint(for: line, docs: docs.current) }
        editor.completion = docs.completion
        let style = ReplyStyle(loaded.options.output, stdoutIsTTY: StandardStreams.stdoutIsTerminal)
        let repl = Repl(connection: parts.connection, lines: editor, output: streams, formatter: ReplyFormatter(style: style),
                        interrupts: interrupts, announcements: announcements, docs: docs, options: parts.options,
                        connected: parts.connected, reconnect: parts.reconnect)
        return repl.run()
    }

    /// The full-screen dashboard: the REPL on a worker thread, events in their pane, nothing
    /// written to the terminal but by ncurses.
    static func runDashboard(_ loaded: LoadedConfiguration, devices: DashboardDevices, environment: [String: String]) -> Int32 {
        let bridge = ReplBridge()
        let interrupts = InterruptWatcher()  // not started: Ctrl-C is a key in the dashboard
        let events = EventLog()
        let probeInterval = InteractiveSurface.dashboardProbeInterval(given: loaded.options.healthIntervalGiven,
                                                                      healthInterval: loaded.pool.healthInterval)
        devices.showConnecting(to: Endpoint.describe(host: loaded.connection.host, port: loaded.connection.port))
        let parts: InteractiveParts
        do {
            parts = try InteractiveParts(loaded, environment: environment, events: events, probeInterval: probeInterval)
        } catch {
            devices.stop()
            StandardStreams().writeLine("Error: \(error.description)", to: .stderr)
            return 1
        }
        defer { parts.connection.shutdown() }
        // The dashboard formats as redis-cli does on a terminal, unless a format was asked for.
        let style = ReplyStyle(loaded.options.output, stdoutIsTTY: true)
        let repl = Repl(connection: parts.connection, lines: bridge, output: bridge, formatter: ReplyFormatter(style: style),
                        interrupts: interrupts, announcements: ReplAnnouncements(output: bridge), docs: parts.docs,
                        options: parts.options, connected: parts.connected, reconnect: parts.reconnect)
        var settings = DashboardLoop.Settings(header: DashboardSnapshot.Header(
            profile: loaded.profile.rawValue, user: loaded.connection.username,
            database: loaded.connection.database, connected: parts.connected))
        settings.refreshHertz = loaded.options.refreshHertz
        settings.password = loaded.connection.password?.reveal()
        settings.history = parts.history
        settings.notes = parts.notes
        let loop = DashboardLoop(devices: devices, repl: repl, bridge: bridge, interrupts: interrupts, docs: parts.docs,
                                 statistics: parts.connection.statistics, settings: settings)
        return loop.run()
    }
}
