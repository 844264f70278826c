import ConnCore

/// What the dashboard's UI itself holds between frames: the scrollback, where it is scrolled,
/// hidden panes, the help overlay, the prompt, and the command in flight. Pure: the loop feeds it
/// actions and lines, and reads a snapshot out.
public struct DashboardState: Sendable, Equatable {
    /// Oldest lines go first beyond this many.
    public static let scrollbackLimit = 5_000

    public struct RunningCommand: Sendable, Equatable {
        public var name: String
        public var streams: Bool
        public var started: Double
    }

    public private(set) var scrollback: [String] = []
    public var scrollOffset = 0
    public var hiddenPanes: Set<DashboardPane> = []
    public var helpShown = false
    public var prompt = ""
    public var running: RunningCommand?
    /// The console's width when last drawn: how many rows new lines take while scrolled up.
    public var width = 80

    public init() {}

    /// New output at the bottom. A user scrolled up keeps seeing the same lines.
    public mutating func append(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        scrollback += lines
        if scrollOffset > 0 {
            scrollOffset += lines.reduce(0) { $0 + DashboardScrollback.wrap($1, width: max(1, width)).count }
        }
        if scrollback.count > Self.scrollbackLimit { scrollback.removeFirst(scrollback.count - Self.scrollbackLimit) }
    }

    public mutating func clear() {
        scrollback = []
        scrollOffset = 0
    }

    /// `page` is the console's height in rows; the renderer clamps at the top.
    public mutating func scroll(_ move: ScrollMove, page: Int) {
        let step = max(1, page - 1)  // one row of context stays in view
        switch move {
        case .pageUp: scrollOffset += step
        case .pageDown: scrollOffset = max(0, scrollOffset - step)
        case .top: scrollOffset = Int.max / 2
        case .bottom: scrollOffset = 0
        }
    }

    public mutating func toggle(_ pane: DashboardPane) {
        if hiddenPanes.contains(pane) { hiddenPanes.remove(pane) } else { hiddenPanes.insert(pane) }
    }

    /// A line typed at the prompt, as it stays in the scrollback. Unlike a terminal's echo,
    /// a line carrying a secret (AUTH, HELLO AUTH, CONFIG SET requirepass, the password itself)
    /// keeps only its command name.
    public static func echo(prompt: String, line: [UInt8], password: String?) -> String {
        let text = String(decoding: line, as: UTF8.self)
        if text.allSatisfy({ $0 == " " || $0 == "\t" }) || HistoryPolicy.shouldPersist(line: line, password: password) {
            return prompt + text
        }
        if holdsPassword(line, password) { return prompt + "(line hidden: it holds the password)" }
        let command = ArgvSplitter.split(line)?.first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        return prompt + command + " (arguments hidden: they hold a secret)"
    }

    /// The command a line starts, for the console rule; nil for meta commands and blank lines.
    public static func command(of line: [UInt8], password: String?, now: Double) -> RunningCommand? {
        guard !MetaCommand.isMeta(line), !holdsPassword(line, password), let argv = ArgvSplitter.split(line), !argv.isEmpty else {
            return nil
        }
        let body = RepeatPrefix.of(argv) == .none ? argv : Array(argv.dropFirst())
        guard let first = body.first else { return nil }
        let name = String(decoding: TerminalSafeText.escapeControls(first), as: UTF8.self)
        return RunningCommand(name: name.uppercased(),
                              streams: StreamingCommands.isStreaming(body), started: now)
    }

    /// The password anywhere in the line, even as its first word (pasted at the prompt).
    static func holdsPassword(_ line: [UInt8], _ password: String?) -> Bool {
        guard let password, !password.isEmpty else { return false }
        let secret = Array(password.utf8)
        return line.count >= secret.count && (0...(line.count - secret.count)).contains { line[$0..<($0 + secret.count)].elementsEqual(secret) }
    }

    /// "running BLPOP 2.4 s · Ctrl-C cancels"; shown once a command has taken a visible time.
    public func activity(now: Double, load: LoadProgress? = nil) -> String? {
        guard let running else {
            // Nothing typed runs: a background :load run is what the panes show.
            guard let load, load.running else { return nil }
            return "load running \(Figures.decimal(load.elapsed, places: 1)) s · "
                + "\(LoadTextReport.grouped(Int(load.window.opsPerSecond.rounded()))) ops/s · :load stop ends it"
        }
        let seconds = now - running.started
        if running.streams { return "streaming \(running.name) · Ctrl-C stops" }
        guard seconds >= 0.2 else { return nil }
        return "running \(running.name) \(Figures.decimal(seconds, places: 1)) s · Ctrl-C cancels"
    }
}
