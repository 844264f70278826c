import ConnCore
import ConsoleUI
import Glibc
import Synchronization
import Testing

/// The real ncurses driver on a pseudo-terminal: frames are painted, then read back from
/// ncurses' own screen (tig's technique), keys are typed on the master side. Serialized:
/// ncurses keeps one current screen per process.
extension TerminalSuites {
@Suite(.serialized)
struct CursesTerminalTests {
    private static let width = 80
    private static let critical = StyleSpan(column: 21, width: 8, style: .critical)

    private static func frame(rows: Int, columns: Int) -> PaintedScreen {
        var lines = (0..<rows).map { pad("row \($0)", to: columns) }
        lines[0] = pad("redis-console — café CRITICAL", to: columns)
        var styles = [[StyleSpan]](repeating: [], count: rows)
        styles[0] = [critical]
        styles[1] = [StyleSpan(column: 0, width: 3, style: .bold)]
        return PaintedScreen(rows: lines, styles: styles, cursor: ScreenPosition(row: rows - 1, column: 2))
    }

    private static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    @Test func paintsRowsWithStylesThatReadBack() throws {
        let session = try CursesSession()
        defer { session.close() }
        let terminal = session.terminal
        #expect(terminal.size == ScreenSize(rows: 24, columns: Self.width))
        let frame = Self.frame(rows: 24, columns: Self.width)
        terminal.paint(frame)
        #expect(terminal.text(ofRow: 0) == frame.rows[0])
        #expect(terminal.text(ofRow: 23) == frame.rows[23])
        #expect(terminal.style(atRow: 0, column: 21) == .critical)
        #expect(terminal.style(atRow: 0, column: 28) == .critical)
        #expect(terminal.style(atRow: 0, column: 29) == .normal)
        #expect(terminal.style(atRow: 1, column: 0) == .bold)
        #expect(terminal.style(atRow: 1, column: 3) == .normal)
        // The bytes reached the terminal, UTF-8 included.
        #expect(session.waitForOutput(containing: "redis-console — café"))
    }

    /// The two halves joined: the pure renderer's 80x24 dashboard, painted by ncurses, reads
    /// back row for row, with the certificate's warning level in its style.
    @Test func aRenderedDashboardPaintsAsRendered() throws {
        let session = try CursesSession()
        defer { session.close() }
        let screen = DashboardRenderer.render(DashboardRendererTests.snapshot(), size: (columns: 80, rows: 24))
        session.terminal.paint(screen.painted)
        for (index, row) in screen.rows.enumerated() {
            #expect(session.terminal.text(ofRow: index) == row.text, "row \(index)")
        }
        let warning = try #require(screen.rows.enumerated().lazy.compactMap { index, row in
            row.spans.first { $0.style == .warning }.map { (index, $0.column) }
        }.first)
        // Without colour the driver shows a warning in bold (the word WARN stays in the text).
        let expected: DashboardStyle = session.terminal.usesColor ? .warning : .bold
        #expect(session.terminal.style(atRow: warning.0, column: warning.1) == expected)
    }

    @Test func monochromeKeepsStylesDistinct() throws {
        var options = CursesTerminal.Options()
        options.allowsColor = false
        let session = try CursesSession(options: options)
        defer { session.close() }
        #expect(!session.terminal.usesColor)
        session.terminal.paint(Self.frame(rows: 24, columns: Self.width))
        #expect(session.terminal.style(atRow: 0, column: 21) == .critical)
        #expect(session.terminal.style(atRow: 1, column: 0) == .bold)
    }

    @Test func shortRowsAreClearedAndLongRowsCut() throws {
        let session = try CursesSession()
        defer { session.close() }
        let terminal = session.terminal
        terminal.paint(Self.frame(rows: 24, columns: Self.width))
        terminal.paint(PaintedScreen(rows: ["short", String(repeating: "x", count: 100)]))
        #expect(terminal.text(ofRow: 0) == Self.pad("short", to: Self.width))
        #expect(terminal.text(ofRow: 1) == String(repeating: "x", count: Self.width))
        #expect(terminal.text(ofRow: 2) == Self.pad("", to: Self.width))
        #expect(terminal.style(atRow: 0, column: 0) == .normal)
    }

    @Test func resizeIsReportedAndRepaintFillsTheNewSize() throws {
        let session = try CursesSession()
        defer { session.close() }
        let terminal = session.terminal
        terminal.paint(Self.frame(rows: 24, columns: Self.width))
        session.pty.resize(columns: 120, rows: 40)
        // What the kernel sends a real terminal's foreground process. kill, not raise: the test
        // runs on a dispatch thread, which blocks asynchronous signals.
        kill(getpid(), SIGWINCH)
        #expect(session.nextKey(matching: .resize) == .resize)
        #expect(terminal.size == ScreenSize(rows: 40, columns: 120))
        let frame = Self.frame(rows: 40, columns: 120)
        terminal.paint(frame)
        #expect((0..<40).map { terminal.text(ofRow: $0) } == frame.rows)
    }

    @Test func refreshSizeNoticesAResizeWithoutASignal() throws {
        let session = try CursesSession()
        defer { session.close() }
        session.pty.resize(columns: 100, rows: 30)
        session.terminal.refreshSize()
        #expect(session.terminal.size == ScreenSize(rows: 30, columns: 100))
    }

    @Test func decodesKeysFromTheTerminal() throws {
        let session = try CursesSession()
        defer { session.close() }
        let terminal = session.terminal
        #expect(terminal.nextKey(timeout: 10) == nil)
        let keys: [(String, DashboardKey)] = [
            ("\u{1b}[5~", .pageUp), ("\u{1b}[6~", .pageDown), ("x", .scalar("x")), ("\u{1b}OP", .function(1)),
            ("\u{03}", .interrupt), ("é", .scalar("é")), ("\u{1b}[A", .up), ("\u{7f}", .backspace),
            // What tmux and rxvt send for Home and End, whatever TERM says.
            ("\u{1b}[1~", .home), ("\u{1b}[4~", .end), ("\u{1b}[7~", .home), ("\u{1b}[8~", .end),
        ]
        for (bytes, expected) in keys {
            session.pty.type(bytes)
            #expect(terminal.nextKey(timeout: 2000) == expected, "typed \(bytes.debugDescription)")
        }
    }

    @Test func aTerminalThatGoesAwayEndsTheDashboardInsteadOfSpinning() throws {
        let session = try CursesSession()
        defer { session.close() }
        #expect(session.terminal.nextKey(timeout: 10) == nil)
        session.pty.hangUp()
        #expect(session.terminal.nextKey(timeout: 100) == .terminationRequested(SIGHUP))
    }

    @Test func stopRestoresTheTerminalOnceAndForAll() throws {
        let session = try CursesSession()
        defer { session.close() }
        let terminal = session.terminal
        terminal.paint(Self.frame(rows: 24, columns: Self.width))
        var running = termios()
        tcgetattr(session.pty.slave, &running)
        #expect(running.c_lflag & tcflag_t(ECHO) == 0)
        terminal.stop()
        terminal.stop()
        #expect(terminal.restored)
        #expect(!terminal.isRunning)
        var after = termios()
        tcgetattr(session.pty.slave, &after)
        #expect(after.c_lflag == session.modesBefore.c_lflag)
        #expect(after.c_iflag == session.modesBefore.c_iflag)
        // xterm's rmcup: back to the main screen.
        #expect(session.waitForOutput(containing: "\u{1b}[?1049l"))
        #expect(terminal.nextKey(timeout: 10) == nil)
    }

    @Test func sigtermBecomesAKeyAndHandlersAreRestored() throws {
        var before = sigaction()
        sigaction(SIGTERM, nil, &before)
        let session = try CursesSession()
        defer { session.close() }
        kill(getpid(), SIGTERM)
        #expect(session.nextKey(matching: .terminationRequested(SIGTERM)) == .terminationRequested(SIGTERM))
        #expect(session.terminal.nextKey(timeout: 10) == nil)
        session.terminal.stop()
        var after = sigaction()
        sigaction(SIGTERM, nil, &after)
        #expect(unsafeBitCast(after.__sigaction_handler.sa_handler, to: Int.self)
                == unsafeBitCast(before.__sigaction_handler.sa_handler, to: Int.self))
    }

    /// A crash (Swift's fatalError traps) in a child process running the terminal on a pty: the
    /// crash handler must put the modes and the main screen back before the process dies.
    @Test func crashRestoresTheTerminal() throws {
        let pty = PseudoTerminal(columns: 80)
        defer { pty.close() }
        var before = termios()
        tcgetattr(pty.slave, &before)
        let drain = PtyDrain(fd: pty.master)
        let drainThread = BackgroundThread { drain.run() }
        defer { drain.stop(); drainThread.join() }
        let status = try Self.runCrashingChild(on: pty.slave)
        #expect(status.map { $0 & 0x7f } == SIGILL || status.map { $0 & 0x7f } == SIGTRAP, "wait status \(String(describing: status))")
        var after = termios()
        tcgetattr(pty.slave, &after)
        #expect(after.c_lflag == before.c_lflag)
        // The drain thread may still be reading what the child wrote just before it died.
        let clock = MonotonicClock()
        let settle = clock.now() + 2
        while !drain.text.contains("\u{1b}[?1049l"), clock.now() < settle { usleep(10_000) }
        let output = drain.text
        let entered = output.firstRange(of: "\u{1b}[?1049h")
        let left = output.ranges(of: "\u{1b}[?1049l").last
        #expect(entered != nil && left != nil && entered!.upperBound <= left!.lowerBound)
    }

    /// The child's side: `CURSES_CRASH_CHILD=1`, the terminal on stdin/stdout.
    @Test(.enabled(if: getenv("CURSES_CRASH_CHILD") != nil))
    func crashingChild() throws {
        let terminal = try CursesTerminal(input: STDIN_FILENO, output: STDOUT_FILENO)
        terminal.paint(Self.frame(rows: 24, columns: Self.width))
        usleep(100_000)  // let the parent's drain see the frame
        fatalError("deliberate crash with the terminal in curses mode")
    }

    /// Spawns this test binary for `crashingChild` on `slave`; returns the wait status, nil on timeout.
    private static func runCrashingChild(on slave: Int32) throws -> Int32? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, slave, 0)
        posix_spawn_file_actions_adddup2(&actions, slave, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)  // test threads block signals; the child must not
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let arguments = [CommandLine.arguments[0], "--testing-library", "swift-testing",
                         "--filter", "CursesTerminalTests/crashingChild"]
        let environment = ProcessEnvironment.current + ["CURSES_CRASH_CHILD=1", "SWIFT_BACKTRACE=enable=no", "TERM=xterm"]
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, &envp)
        try #require(spawned == 0, "posix_spawn: \(spawned)")
        let clock = MonotonicClock()
        let deadline = clock.now() + 20
        var status: Int32 = 0
        while clock.now() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return status }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        return nil
    }

    /// Idle cost of the dashboard's loop: a static frame painted on every 250 ms tick.
    /// `CURSES_IDLE_SECONDS=10 swift test --filter CursesTerminalTests/idleLoopCPU`
    @Test(.enabled(if: getenv("CURSES_IDLE_SECONDS") != nil))
    func idleLoopCPU() throws {
        let seconds = Double(String(cString: getenv("CURSES_IDLE_SECONDS"))) ?? 10
        let session = try CursesSession()
        defer { session.close() }
        let frame = Self.frame(rows: 24, columns: Self.width)
        let start = Self.cpuSeconds(RUSAGE_SELF)
        let threadStart = Self.cpuSeconds(Self.rusageThread)
        let clock = MonotonicClock()
        let deadline = clock.now() + seconds
        var ticks = 0
        while clock.now() < deadline {
            session.terminal.paint(frame)
            _ = session.terminal.nextKey()
            ticks += 1
        }
        let used = Self.cpuSeconds(RUSAGE_SELF) - start
        let uiThread = Self.cpuSeconds(Self.rusageThread) - threadStart
        print("curses idle loop: \(ticks) ticks in \(seconds) s; user+sys CPU: process \(used) s, UI thread \(uiThread) s")
        #expect(used < seconds * 0.05)
    }

    /// RUSAGE_THREAD: a GNU extension Glibc's module does not export.
    private static let rusageThread = __rusage_who(rawValue: 1)

    private static func cpuSeconds(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(who.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
}

/// A CursesTerminal on a fresh pty at 80x24, with the master drained on a background thread
/// so ncurses' writes never block.
private final class CursesSession {
    let pty: PseudoTerminal
    let terminal: CursesTerminal
    let modesBefore: termios
    private let drain: PtyDrain
    private let drainThread: BackgroundThread
    private var closed = false

    init(options: CursesTerminal.Options = CursesTerminal.Options()) throws {
        pty = PseudoTerminal(columns: 80)
        setlocale(LC_CTYPE, "C.UTF-8")
        unsetenv("LINES")
        unsetenv("COLUMNS")
        var modes = termios()
        tcgetattr(pty.slave, &modes)
        modesBefore = modes
        let drain = PtyDrain(fd: pty.master)
        self.drain = drain
        drainThread = BackgroundThread { drain.run() }
        do {
            terminal = try CursesTerminal(input: pty.slave, output: pty.slave, options: options)
        } catch {
            drain.stop()
            drainThread.join()
            throw error
        }
    }

    /// Stops the terminal, then the drain thread, then closes the pty. Idempotent.
    func close() {
        guard !closed else { return }
        closed = true
        terminal.stop()
        drain.stop()
        drainThread.join()
        pty.close()
    }

    func waitForOutput(containing text: String, seconds: Double = 3) -> Bool {
        let clock = MonotonicClock()
        let deadline = clock.now() + seconds
        while clock.now() < deadline {
            if drain.text.contains(text) { return true }
            usleep(10_000)
        }
        return false
    }

    /// Reads keys for up to two seconds until `wanted` comes.
    func nextKey(matching wanted: DashboardKey) -> DashboardKey? {
        for _ in 0..<20 {
            if let key = terminal.nextKey(timeout: 100), key == wanted { return key }
        }
        return nil
    }
}

private enum ProcessEnvironment {
    static var current: [String] {
        var entries: [String] = []
        var pointer = environ
        while let entry = pointer.pointee {
            entries.append(String(cString: entry))
            pointer += 1
        }
        return entries.filter { !$0.hasPrefix("CURSES_") && !$0.hasPrefix("SWIFT_BACKTRACE=") && !$0.hasPrefix("TERM=") }
    }
}

private final class PtyDrain: Sendable {
    private let fd: Int32
    private let bytes = Mutex<[UInt8]>([])
    private let stopped = Atomic<Bool>(false)

    init(fd: Int32) { self.fd = fd }

    var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }

    func stop() { stopped.store(true, ordering: .relaxed) }

    func run() {
        var chunk = [UInt8](repeating: 0, count: 8192)
        while !stopped.load(ordering: .relaxed) {
            var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 20) > 0 else { continue }
            let count = read(fd, &chunk, chunk.count)
            if count > 0 { bytes.withLock { $0.append(contentsOf: chunk[0..<count]) } } else if count < 0 && errno != EINTR && errno != EAGAIN { return }
        }
    }
}
