import CNcurses
import Glibc

/// The one owner of the full-screen terminal: starts ncurses on a given terminal, paints
/// finished frames, decodes keys, and always puts the terminal back. Not thread-safe by design:
/// only the UI thread creates, uses and stops it (DESIGN.md section 2).
public final class CursesTerminal {
    public struct Options: Sendable {
        /// How long `nextKey` waits by default: the dashboard's tick.
        public var tickMilliseconds: Int32 = 250
        /// Colour when the terminal has it and NO_COLOR is unset.
        public var allowsColor = true
        /// Restore on SIGTERM/SIGINT/SIGHUP (reported as keys) and on crashes.
        public var handlesSignals = true
        /// The terminal type; nil reads TERM.
        public var terminalType: String? = nil

        public init() {}
    }

    public enum StartError: Error, Equatable {
        case cannotOpenStreams(errno: Int32)
        case unknownTerminal(String?)
    }

    private let inputFile: UnsafeMutablePointer<FILE>
    private let outputFile: UnsafeMutablePointer<FILE>
    private var screen: OpaquePointer?
    private var previousSignals: [(Int32, sigaction)] = []
    private let attributes: [CellStyle: Int32]
    private var currentTimeout: Int32 = -2
    public let options: Options
    /// True when the terminal has colour and NO_COLOR allowed it.
    public let usesColor: Bool
    /// Whether `endwin` left the terminal in its normal mode (isendwin) when `stop()` ran.
    public private(set) var restored = false

    /// Starts ncurses on `input`/`output` (a terminal's fds; they stay the caller's to close).
    /// Call `setlocale` (or `TerminalLocale`) first for non-ASCII text; create any EditLine first.
    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, options: Options = Options()) throws(StartError) {
        self.options = options
        // Own copies of the fds: fclose in stop() then never closes the caller's.
        guard let inputFile = fdopen(dup(input), "r"), let outputFile = fdopen(dup(output), "w") else {
            throw .cannotOpenStreams(errno: errno)
        }
        self.inputFile = inputFile
        self.outputFile = outputFile
        if options.handlesSignals {
            var modes = termios()
            tcgetattr(input, &modes)
            previousSignals = TerminalSignals.install(inputFD: input, outputFD: output, modes: modes)
        }
        screen = newterm(options.terminalType, outputFile, inputFile)
        guard screen != nil else {
            TerminalSignals.uninstall(previousSignals)
            fclose(inputFile)
            fclose(outputFile)
            throw .unknownTerminal(options.terminalType ?? getenv("TERM").map { String(cString: $0) })
        }
        let colorful = options.allowsColor && has_colors() && getenv("NO_COLOR").map { $0[0] == 0 } ?? true
        if colorful {
            start_color()
            use_default_colors()  // -1: the terminal's own background, not black
            init_pair(1, Int16(COLOR_GREEN), -1)
            init_pair(2, Int16(COLOR_YELLOW), -1)
            init_pair(3, Int16(COLOR_RED), -1)
        }
        usesColor = colorful
        attributes = Self.attributeTable(colorful: colorful)
        raw()  // Ctrl-C (and Ctrl-Z, Ctrl-\) arrive as keys; signals come only from outside
        noecho()
        nonl()
        keypad(rc_stdscr(), true)
        set_escdelay(50)  // a lone Esc is decided within 50 ms; whole sequences arrive at once
        Self.defineCursorKeysInBothModes()
        if options.handlesSignals { TerminalSignals.prepareReset(Self.resetBytes()) }
    }

    deinit { stop() }

    /// The screen's current size (ncurses' view; changes after `.resize`).
    public var size: ScreenSize {
        var rows: Int32 = 0
        var columns: Int32 = 0
        rc_getmaxyx(rc_stdscr(), &rows, &columns)
        return ScreenSize(rows: Int(rows), columns: Int(columns))
    }

    /// Writes the whole frame. ncurses compares it with what is on the terminal and sends only
    /// the difference, so painting an unchanged frame every tick costs almost nothing.
    public func paint(_ frame: PaintedScreen) {
        guard screen != nil else { return }
        let window = rc_stdscr()
        let size = size
        for row in 0..<size.rows {
            wmove(window, Int32(row), 0)
            if row < frame.rows.count {
                var column = 0
                for run in frame.runs(ofRow: row) where column < size.columns {
                    let text = run.text.prefix(size.columns - column)
                    rc_wattrset(window, attributes[run.style] ?? 0)
                    var wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
                    // Bottom-right cell: ncurses writes it and then reports ERR (cannot scroll).
                    _ = waddnwstr(window, &wide, Int32(wide.count))
                    column += text.count
                }
                rc_wattrset(window, rc_attr_normal())
                if column < size.columns { wclrtoeol(window) }
            } else {
                rc_wattrset(window, rc_attr_normal())
                wclrtoeol(window)
            }
        }
        if let cursor = frame.cursor {
            curs_set(1)
            wmove(window, Int32(min(cursor.row, size.rows - 1)), Int32(min(cursor.column, size.columns - 1)))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// The next key, or nil when none came within `timeout` milliseconds (default: the tick).
    public func nextKey(timeout: Int32? = nil) -> DashboardKey? {
        if let signal = takeTerminationSignal() { return .terminationRequested(signal) }
        guard screen != nil else { return nil }
        let wanted = timeout ?? options.tickMilliseconds
        if wanted != currentTimeout {
            wtimeout(rc_stdscr(), wanted)
            currentTimeout = wanted
        }
        var value: wint_t = 0
        let status = wget_wch(rc_stdscr(), &value)
        if let signal = takeTerminationSignal() { return .terminationRequested(signal) }
        switch status {
        case OK: return Self.character(value)
        case KEY_CODE_YES: return Self.keyCode(Int32(bitPattern: value))
        default:
            // A terminal that went away (window closed, ssh dropped) makes every read fail at
            // once: without this the loop would spin, and the SIGHUP may never come (a shell
            // that traps it waits for us first).
            return Self.hungUp(fileno(inputFile)) ? .terminationRequested(SIGHUP) : nil
        }
    }

    /// Asks ncurses to re-read the terminal's size now (what its SIGWINCH handler would do).
    /// For a terminal that is not the process's controlling one, which gets no SIGWINCH.
    public func refreshSize() {
        guard screen != nil else { return }
        var window = winsize()
        guard ioctl(fileno(outputFile), UInt(TIOCGWINSZ), &window) == 0, window.ws_row > 0, window.ws_col > 0 else { return }
        let current = size
        if current.rows != Int(window.ws_row) || current.columns != Int(window.ws_col) {
            resizeterm(Int32(window.ws_row), Int32(window.ws_col))
        }
    }

    /// Puts the terminal back (modes, cursor, main screen) and frees ncurses. Idempotent.
    public func stop() {
        guard let screen else { return }
        endwin()
        restored = isendwin()
        delscreen(screen)
        self.screen = nil
        fclose(inputFile)
        fclose(outputFile)
        if options.handlesSignals { TerminalSignals.uninstall(previousSignals) }
        previousSignals = []
    }

    public var isRunning: Bool { screen != nil }

    // MARK: Reading the screen back (tests, and a text dump of what is shown)

    /// The characters ncurses holds for `row` (its virtual screen, not the terminal's bytes).
    public func text(ofRow row: Int) -> String {
        let columns = size.columns
        var buffer = [wchar_t](repeating: 0, count: columns + 1)
        let count = rc_mvwinnwstr(rc_stdscr(), Int32(row), 0, &buffer, Int32(columns))
        guard count > 0 else { return "" }
        var text = String.UnicodeScalarView()
        for value in buffer.prefix(Int(count)) {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: value)) { text.append(scalar) }
        }
        return String(text)
    }

    /// The style painted at a cell, recognised from its attributes; nil if none matches.
    public func style(atRow row: Int, column: Int) -> CellStyle? {
        let cell = rc_mvwinch(rc_stdscr(), Int32(row), Int32(column)) & rc_attr_mask()
        return CellStyle.allCases.first { UInt32(bitPattern: attributes[$0] ?? 0) == cell }
    }

    // MARK: Private

    private func takeTerminationSignal() -> Int32? {
        guard options.handlesSignals else { return nil }
        let signal = TerminalSignals.pending.exchange(0, ordering: .relaxed)
        return signal == 0 ? nil : signal
    }

    private static func attributeTable(colorful: Bool) -> [CellStyle: Int32] {
        let bold = rc_attr_bold()
        let reverse = rc_attr_reverse()
        var table: [CellStyle: Int32] = [.normal: rc_attr_normal(), .bold: bold, .dim: rc_attr_dim(), .reverse: reverse]
        if colorful {
            table[.ok] = rc_color_pair(1)
            table[.warning] = rc_color_pair(2) | bold
            table[.critical] = rc_color_pair(3) | bold
        } else {
            // Monochrome stays readable: ok plain, warning bold, critical bold reverse.
            table[.ok] = rc_attr_normal()
            table[.warning] = bold
            table[.critical] = bold | reverse
        }
        return table
    }

    /// sgr0, rmkx, cnorm, rmcup from terminfo: what the crash handler writes.
    private static func resetBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "rmkx", "cnorm", "rmcup"] {
            guard let value = tigetstr(capability), Int(bitPattern: value) != -1 else { continue }
            var pointer = value
            while pointer.pointee != 0 {
                bytes.append(UInt8(bitPattern: pointer.pointee))
                pointer += 1
            }
        }
        return bytes
    }

    /// terminfo lists only the keypad-transmit ("application") forms, e.g. xterm's kcuu1 is
    /// `\EOA`; a terminal (or multiplexer) ignoring smkx sends `\E[A`. Accept both, and the
    /// Home/End/PgUp/PgDn of the other common families (tmux and screen send `\E[1~`/`\E[4~`
    /// even under TERM=xterm, rxvt `\E[7~`/`\E[8~`), so a key never arrives as stray `~`.
    private static func defineCursorKeysInBothModes() {
        let normal: [(String, Int32)] = [
            ("\u{1b}[A", KEY_UP), ("\u{1b}[B", KEY_DOWN), ("\u{1b}[C", KEY_RIGHT), ("\u{1b}[D", KEY_LEFT),
            ("\u{1b}[H", KEY_HOME), ("\u{1b}[F", KEY_END), ("\u{1b}OH", KEY_HOME), ("\u{1b}OF", KEY_END),
            ("\u{1b}[1~", KEY_HOME), ("\u{1b}[4~", KEY_END), ("\u{1b}[7~", KEY_HOME), ("\u{1b}[8~", KEY_END),
            ("\u{1b}[5~", KEY_PPAGE), ("\u{1b}[6~", KEY_NPAGE), ("\u{1b}[3~", KEY_DC),
        ]
        for (sequence, code) in normal where key_defined(sequence) == 0 { define_key(sequence, code) }
    }

    private static func hungUp(_ fd: Int32) -> Bool {
        var watched = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&watched, 1, 0) > 0 && watched.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    private static func character(_ value: wint_t) -> DashboardKey? {
        switch value {
        case 3: return .interrupt
        case 127, 8: return .backspace
        default: return Unicode.Scalar(UInt32(value)).map { .scalar($0) }
        }
    }

    private static func keyCode(_ code: Int32) -> DashboardKey {
        switch code {
        case KEY_RESIZE: return .resize
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return .code(code)
        }
    }
}
