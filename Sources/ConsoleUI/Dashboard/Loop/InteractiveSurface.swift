/// Which interactive console a session gets: the dashboard where the terminal can carry it,
/// the line-by-line REPL otherwise (and always with `--no-tui`).
public enum InteractiveSurface: Equatable, Sendable {
    case dashboard
    case lineConsole

    public static func choose(noTUI: Bool, stdinIsTerminal: Bool, stdoutIsTerminal: Bool, term: String?) -> InteractiveSurface {
        guard !noTUI, stdinIsTerminal, stdoutIsTerminal, let term, !term.isEmpty, term != "dumb" else { return .lineConsole }
        return .dashboard
    }

    /// The dashboard probes health every second unless `--health-interval` was given: its panes
    /// are live, and one PING and INFO a second is what `redis-cli --stat` costs a server too.
    public static func dashboardProbeInterval(given: Bool, healthInterval: Double) -> Double {
        given ? healthInterval : 1
    }
}

extension CursesTerminal.StartError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .cannotOpenStreams(let errno):
            return "the dashboard cannot open the terminal (errno \(errno))"
        case .unknownTerminal(let name):
            return "the dashboard cannot start: ncurses does not know the terminal type '\(name ?? "")' (set TERM, e.g. TERM=xterm-256color)"
        }
    }
}
