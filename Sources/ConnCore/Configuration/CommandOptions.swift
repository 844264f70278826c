/// How replies are printed, as chosen by redis-cli's flags.
public enum OutputFormat: String, Sendable, Equatable {
    /// redis-cli's default: formatted on a terminal, raw otherwise.
    case automatic
    case raw        // --raw
    case formatted  // --no-raw
    case csv        // --csv
    case json       // --json
    case quotedJSON // --quoted-json
}

/// What the process was asked to do, beyond where to connect.
public struct CommandOptions: Sendable, Equatable {
    public var output: OutputFormat = .automatic
    /// `-r N`: run the command N times (-1 for ever).
    public var repeatCount: Int = 1
    /// Whether `-r` was given (`--stats` runs for ever without it).
    public var repeatCountGiven = false
    /// `-i S`: seconds to wait between repeats.
    public var interval: Double = 0
    /// `-x`: the last argument is read from standard input.
    public var lastArgumentFromStdin = false
    /// `-e`: exit 1 when a command replies with an error.
    public var exitOnErrorReply = false
    public var noAuthWarning = false
    public var askpass = false
    public var showConfig = false
    /// `--vi`: vi key bindings in the line editor (emacs otherwise, or what ~/.editrc says).
    public var viMode = false
    /// `--read-only`: the REPL refuses every command that writes.
    public var readOnly = false
    /// `--no-tui`: the plain line-oriented REPL even where the dashboard could run.
    public var noTUI = false
    /// Whether `--health-interval` was typed (the dashboard then keeps it instead of probing
    /// every second).
    public var healthIntervalGiven = false
    /// `--refresh HZ`: how often the dashboard redraws its panes.
    public var refreshHertz: Double = 4
    /// `--stats`: exercise the pool and print its statistics every `interval` seconds.
    public var showStats = false
    /// `--tls-info`: connect, then print the negotiated TLS session and the server's chain.
    public var showTLS = false
    /// `--doctor`: diagnose the endpoint step by step; exit 0 ok, 1 warning, 2 critical.
    public var doctor = false
    /// `--cert-warn-days`, `--cert-crit-days`, `--latency-warn-ms`, `--latency-crit-ms`.
    public var doctorThresholds = DoctorThresholds()
    /// redis-cli's modes: `--latency`, `--stat`, `--scan`, `--bigkeys`, `--eval`, `--pipe`, ...
    public var cliMode = CLIModeOptions()
    /// `--load`: run the load generator with `loadSettings` and report as it goes.
    public var load = false
    /// `--workers`, `--commands`, `--keys`, `--value-size`, `--rate`, `--duration`, `--pipeline`.
    public var loadSettings = LoadSettings()
    /// `--help` / `--version`: print and exit 0; nothing else is loaded or validated.
    public var showHelp = false
    public var showVersion = false
    /// The command and its arguments; empty for an interactive or piped session.
    public var command: [String] = []

    public init() {}
}
