/// The key help F1 and `:help` draw over the console.
public enum DashboardHelp {
    public static func lines(hiddenPanes: Set<DashboardPane>) -> [String] {
        let panes = DashboardKeyMap.paneKeys.map { "F\($0.function) \(DashboardRenderer.title($0.pane))" }
        let hidden = DashboardPane.allCases.filter(hiddenPanes.contains).map(DashboardRenderer.title)
        var lines = [
            "Dashboard keys (F1 or Esc closes this); commands are typed as in redis-cli.",
            "  F1, Esc          show or hide this help",
            "  " + panes.joined(separator: "  ") + ": hide or show a pane",
            "                   (hidden now: " + (hidden.isEmpty ? "none" : hidden.joined(separator: ", ")) + ")",
            "  PgUp, PgDn       scroll the console a page",
            "  Home, End        the oldest line, the newest line",
            "  Up, Down, Ctrl-R history (the REPL's; the file never keeps a secret)",
            "  Tab              complete a command name; twice lists the choices",
            "  Ctrl-C           cancel the running command or stream; at the prompt, discard the line",
            "  Ctrl-D, quit     leave (the terminal is restored)",
            "Meta commands (add --json for JSON):",
        ]
        let entries = MetaCommand.Kind.allCases.map { (":" + $0.rawValue, $0.summary) } + MetaCommand.actions.map { (":" + $0.name, $0.summary) }
        lines += entries.map { name, summary in
            "  " + name + String(repeating: " ", count: max(1, 17 - name.count)) + summary
        }
        return lines
    }
}
