import ConnCore

/// One of the dashboard's panes; each can be hidden with a key, and hidden panes give their rows
/// to the scrollback.
public enum DashboardPane: String, Sendable, Equatable, CaseIterable {
    case pool, health, certificate, latency, events
}

/// Everything one frame of the dashboard shows, as immutable values: the connection statistics
/// plus what the UI itself knows (header facts, scrollback, the input line, hidden panes).
/// `DashboardRenderer.render` turns it into a screen with no other input.
public struct DashboardSnapshot: Sendable, Equatable {
    /// The header's facts besides TLS, which comes from the statistics.
    public struct Header: Sendable, Equatable {
        public var profile: String?
        /// nil shows as "default", as the server calls the user AUTH without a name logs in as.
        public var user: String?
        public var database: Int
        public var connected: Bool

        public init(profile: String? = nil, user: String? = nil, database: Int = 0, connected: Bool) {
            self.profile = profile
            self.user = user
            self.database = database
            self.connected = connected
        }
    }

    public var statistics: StatisticsSnapshot
    public var header: Header
    /// Formatted reply text, newest last; lines wider than the screen wrap.
    public var scrollback: [String]
    /// Screen rows scrolled up from the newest: 0 shows the newest row at the bottom.
    public var scrollOffset: Int
    /// The REPL prompt, e.g. `127.0.0.1:6380>`, drawn before the input text.
    public var prompt: String
    public var input: String
    /// Display column of the cursor inside `input`.
    public var cursorColumn: Int
    /// The command's arguments, dimmed after the input (as the REPL's hints).
    public var hint: String?
    /// What the console is doing, shown on the console rule: a running command, a stream.
    public var activity: String?
    /// Key help drawn over the scrollback while shown (F1, `:help`).
    public var help: [String]?
    public var hiddenPanes: Set<DashboardPane>
    /// False under NO_COLOR or on a monochrome terminal: no colour styles, the words stay.
    public var colour: Bool

    public init(statistics: StatisticsSnapshot,
                header: Header,
                scrollback: [String] = [],
                scrollOffset: Int = 0,
                prompt: String = "",
                input: String = "",
                cursorColumn: Int = 0,
                hint: String? = nil,
                activity: String? = nil,
                help: [String]? = nil,
                hiddenPanes: Set<DashboardPane> = [],
                colour: Bool = true) {
        self.statistics = statistics
        self.header = header
        self.scrollback = scrollback
        self.scrollOffset = scrollOffset
        self.prompt = prompt
        self.input = input
        self.cursorColumn = cursorColumn
        self.hint = hint
        self.activity = activity
        self.help = help
        self.hiddenPanes = hiddenPanes
        self.colour = colour
    }

    /// Shown panes in their fixed order.
    public var visiblePanes: [DashboardPane] { DashboardPane.allCases.filter { !hiddenPanes.contains($0) } }
}
