import ConnCore
import Glibc

/// The dashboard's UI thread: owns the terminal (ncurses) and the line editor (libedit), runs
/// the REPL on a worker thread behind a `ReplBridge`, and each tick drains the bridge, takes a
/// statistics snapshot at the refresh rate, renders and paints. Decisions live in
/// `DashboardKeyMap`, `DashboardState` and `DashboardRenderer`; this type only moves data.
public final class DashboardLoop {
    public struct Settings: Sendable {
        public var refreshHertz = 4.0
        public var header: DashboardSnapshot.Header
        /// The configured password: a typed line holding it is echoed without its arguments.
        public var password: String?
        /// Earlier sessions' history, oldest first.
        public var history: [String] = []
        /// Warnings from start-up (certificate expiry, history file), shown in the console.
        public var notes: [String] = []

        public init(header: DashboardSnapshot.Header) { self.header = header }
    }

    /// While the REPL is busy the loop wakes this often to show its output promptly.
    static let busyTickMilliseconds: Int32 = 20

    private let settings: Settings
    private let repl: Repl
    private let bridge: ReplBridge
    private let interrupts: InterruptWatcher
    private let docs: ReplCommandDocs
    private let editor: KeyFedLineEditor
    private let terminal: CursesTerminal
    private let clock = MonotonicClock()
    private var source: StatisticsSource
    private var statistics: StatisticsSnapshot
    private var load: ConsoleLoad?
    private var loadProgress: LoadProgress?
    private var state = DashboardState()
    private var header: DashboardSnapshot.Header
    private var input = (text: "", cursor: 0)
    private var hint: String?
    /// True while the REPL waits in `readLine`; lines typed before that wait their turn here.
    private var replWaiting = false
    private var typedAhead: [LineInput] = []
    /// The REPL's own prompt (from its status); any other prompt is a question, e.g. a confirmation.
    private var mainPrompt: String?
    private var finished: Int32?
    private var lastPage = 10

    public init(devices: DashboardDevices, repl: Repl, bridge: ReplBridge, interrupts: InterruptWatcher,
                docs: ReplCommandDocs, statistics: StatisticsSource, settings: Settings) {
        self.repl = repl
        self.bridge = bridge
        self.interrupts = interrupts
        self.docs = docs
        self.settings = settings
        self.source = statistics
        self.statistics = statistics.snapshot()
        self.header = settings.header
        editor = devices.editor
        terminal = devices.terminal
        editor.preload(settings.history)
        editor.completion = docs.completion
        state.append(settings.notes)
    }

    /// Runs until the REPL ends (quit, exit, Ctrl-D) or a signal asks to stop; the terminal is
    /// restored either way. Returns the exit status.
    public func run() -> Int32 {
        repl.willReadLine = { [bridge] status in bridge.post(.status(status)) }
        let box = UncheckedBox(repl)  // the REPL's own thread from here on; the UI thread never touches it
        let worker = BackgroundThread { [bridge] in
            bridge.post(.finished(box.value.run()))
        }
        let period = 1.0 / settings.refreshHertz
        var nextRefresh = 0.0
        var dirty = true
        while finished == nil {
            if clock.now() >= nextRefresh {
                statistics = source.snapshot()
                loadProgress = load?.currentProgress()
                nextRefresh = clock.now() + period
                dirty = true
            }
            if dirty { paint() }
            let untilRefresh = Int32(max(1, min(1000, (nextRefresh - clock.now()) * 1000)))
            dirty = false
            if let key = terminal.nextKey(timeout: replWaiting ? untilRefresh : Self.busyTickMilliseconds) {
                if case .terminationRequested(let signal) = key { return terminate(signal: signal, worker: worker) }
                handle(key)
                dirty = true
            }
            dirty = apply(bridge.drain()) || dirty
        }
        terminal.stop()
        worker.join()
        return finished ?? 0
    }

    // MARK: keys

    private func handle(_ key: DashboardKey) {
        switch DashboardKeyMap.action(for: key, commandRunning: !replWaiting, helpShown: state.helpShown) {
        case .edit(let key): edit(key)
        case .scroll(let move): state.scroll(move, page: lastPage)
        case .togglePane(let pane): state.toggle(pane)
        case .toggleHelp: state.helpShown.toggle()
        case .closeHelp: state.helpShown = false
        case .cancelCommand:
            bridge.write(Array("^C".utf8), to: .stdout)  // a terminal's echo; the REPL ends the line
            interrupts.cancelRunning()
        case .relayout: terminal.refreshSize()
        case .terminate, .ignore: break
        }
    }

    private func edit(_ key: DashboardKey) {
        switch editor.feed(key) {
        case .editing(let text, let cursor):
            input = (text, cursor)
            hint = CommandHints.hint(for: text, docs: docs.current)
            let listed = editor.listedCandidates
            if !listed.isEmpty { state.append([listed.joined(separator: "  ")]) }
        case .line(let bytes):
            input = ("", 0)
            hint = nil
            typed(bytes)
        case .interrupted:
            input = ("", 0)
            hint = nil
        case .endOfFile:
            send(.endOfFile)
        }
    }

    /// `:help` opens the key help here; anything else goes to the REPL, in turn.
    private func typed(_ bytes: [UInt8]) {
        if let meta = try? MetaCommand.parse(bytes), meta.kind == .help, !meta.json {
            state.append([DashboardState.echo(prompt: state.prompt, line: bytes, password: settings.password)])
            editor.remember(String(decoding: bytes, as: UTF8.self))
            state.helpShown = true
            return
        }
        send(.line(bytes))
    }

    private func send(_ input: LineInput) {
        guard replWaiting else {
            typedAhead.append(input)
            return
        }
        replWaiting = false
        state.scrollOffset = 0
        if case .line(let bytes) = input {
            state.append([DashboardState.echo(prompt: state.prompt, line: bytes, password: settings.password)])
            // An answer to a question ("yes") is not a command of its own.
            state.running = state.prompt == mainPrompt
                ? DashboardState.command(of: bytes, password: settings.password, now: clock.now()) : nil
        }
        bridge.submit(input)
    }

    // MARK: the REPL's messages

    /// Applies what the worker posted; true when anything changed on screen.
    private func apply(_ messages: [ReplMessage]) -> Bool {
        for message in messages {
            switch message {
            case .output(let lines): state.append(lines)
            case .clear: state.clear()
            case .ready(let prompt):
                state.prompt = prompt
                state.running = nil
                replWaiting = true
                if !typedAhead.isEmpty { send(typedAhead.removeFirst()) }
            case .remember(let line): editor.remember(line)
            case .status(let status):
                mainPrompt = status.prompt
                load = status.load
                header.database = status.database
                header.connected = status.connected
                if status.statistics !== source {
                    source = status.statistics
                    statistics = source.snapshot()
                }
            case .finished(let status): finished = status
            }
        }
        return !messages.isEmpty
    }

    // MARK: painting

    private func paint() {
        terminal.refreshSize()
        let size = terminal.size
        let snapshot = DashboardSnapshot(
            statistics: statistics, header: header, scrollback: state.scrollback, scrollOffset: state.scrollOffset,
            prompt: state.prompt, input: input.text, cursorColumn: input.cursor, hint: hint,
            activity: state.activity(now: clock.now(), load: loadProgress),
            help: state.helpShown ? DashboardHelp.lines(hiddenPanes: state.hiddenPanes) : nil,
            hiddenPanes: state.hiddenPanes, colour: terminal.usesColor)
        let screen = DashboardRenderer.render(snapshot, size: (columns: size.columns, rows: size.rows))
        if !state.helpShown { state.scrollOffset = screen.scrollOffset }
        state.width = size.columns
        lastPage = max(1, screen.consoleRows)
        terminal.paint(screen.painted)
    }

    /// A signal from outside: cancel what runs, let the REPL end, restore the terminal, and
    /// leave without waiting on a command that does not stop within a second.
    private func terminate(signal: Int32, worker: BackgroundThread) -> Int32 {
        interrupts.cancelRunning()
        bridge.close()
        terminal.stop()
        let deadline = clock.now() + 1
        while clock.now() < deadline {
            if bridge.drain().contains(where: { if case .finished = $0 { true } else { false } }) {
                worker.join()
                return 128 + signal
            }
            usleep(10_000)
        }
        _exit(128 + signal)  // a command that ignores cancel must not keep a dead console alive
    }
}

/// The UI thread's two devices, started before any connection so that a terminal ncurses does
/// not know leaves the line console free to start instead.
public final class DashboardDevices {
    let editor: KeyFedLineEditor
    let terminal: CursesTerminal

    /// The editor first: libedit must set up the terminal before ncurses does. Colour follows
    /// the terminal and NO_COLOR.
    public init(viMode: Bool) throws(CursesTerminal.StartError) {
        editor = KeyFedLineEditor(settings: LineEditorSettings(viMode: viMode))
        terminal = try CursesTerminal(options: CursesTerminal.Options())
    }

    /// Restores the terminal when the dashboard ends before its loop ran.
    public func stop() { terminal.stop() }

    /// One line while the first connection is made (a TLS handshake, retries): the screen is
    /// ncurses' already, and a blank one looks hung.
    public func showConnecting(to endpoint: String) {
        let text = "redis-console: connecting to \(endpoint) ..."
        terminal.paint(PaintedScreen(rows: [text], styles: [[]], cursor: ScreenPosition(row: 0, column: text.count)))
    }
}
