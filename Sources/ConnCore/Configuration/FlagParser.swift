/// redis-cli's command-line rules: options come first, each value is the next argument (taken
/// as is, even when it starts with '-': `-r -1`), and the first argument that does not start
/// with '-' begins the command: everything from there on is the command's argv, untouched
/// (`redis-console -p 1 SET -h x` sends `-h` as an argument). Later options override earlier
/// ones. `--help`/`--version` stop parsing at once, like redis-cli's `usage()`.
public enum FlagParser {
    /// Flags that take a value (the next argument).
    public static let valueFlags: Set<String> = Set([
        "-h", "-p", "-a", "--user", "--pass", "-u", "-n", "-t", "-r", "-i", "--sni", "--cacert",
        "--cacertdir", "--cert", "--key", "--tls-ciphers", "--tls-ciphersuites", "--profile",
        "--tls-server-name", "--connect-timeout", "--timeout", "--keepalive",
        "--pool-size", "--pool-timeout", "--pool-min-idle", "--health-interval", "--retries",
        "--retry-base", "--retry-cap", "--interval", "--refresh",
        "--cert-warn-days", "--cert-crit-days", "--latency-warn-ms", "--latency-crit-ms",
        "--pattern", "--quoted-pattern", "--count", "--memkeys-samples", "--pipe-timeout", "--eval",
    ] + LoadSettings.flags)

    /// redis-cli options this tool does not implement (yet): named as such rather than "unknown".
    static let unsupportedRedisCLIFlags: Set<String> = [
        "-s", "-3", "-X", "-d", "-D", "-c", "--quoted-input", "--show-pushes",
        "--lru-test", "--replica", "--rdb", "--functions-rdb", "--hotkeys", "--intrinsic-latency",
        "--ldb", "--ldb-sync-mode", "--cluster", "--verbose",
    ]

    public static func parse(_ arguments: [String]) throws(ConsoleError) -> CommandLineFlags {
        var flags = CommandLineFlags()
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let flag = arguments[index]
            guard flag.hasPrefix("-") else {
                flags.options.command = Array(arguments[index...])
                break
            }
            var value = ""
            if valueFlags.contains(flag) {
                guard index + 1 < arguments.endIndex else {
                    throw ConsoleError(
                        .usage, "option \(flag) needs a value",
                        hint: "write \(flag) VALUE; run redis-console --help for details")
                }
                index += 1
                value = arguments[index]
            }
            index += 1
            if try apply(flag, value, to: &flags) == .stop { break }
        }
        return flags
    }

    private enum Next { case `continue`, stop }

    private static func apply(_ flag: String, _ value: String, to flags: inout CommandLineFlags) throws(ConsoleError) -> Next {
        switch flag {
        case "-h": flags.host = try nonEmpty(ValueParsing.host(value), flag)
        case "-p": flags.port = try ValueParsing.port(value, origin: flag)
        case "-a", "--pass": flags.password = Secret(value).map { FlagValue($0, flag: flag) }
        case "--user": flags.username = value.isEmpty ? nil : value
        case "--askpass": flags.options.askpass = true
        case "-u":
            do {
                flags.url = try RedisURL.parse(value)
            } catch {
                // Say which URL was wrong, as for REDIS_URL.
                throw ConsoleError(error.kind, "-u: \(error.message)", hint: error.hint)
            }
        case "-n": flags.database = try ValueParsing.database(value, origin: flag)
        case "-t", "--connect-timeout":
            flags.connectTimeout = FlagValue(try ValueParsing.seconds(value, origin: flag, allowZero: false), flag: flag)
        case "--timeout": flags.operationTimeout = try ValueParsing.seconds(value, origin: flag, allowZero: false)
        case "--keepalive": flags.keepalive = try ValueParsing.seconds(value, origin: flag, allowZero: true)
        case "--tls": flags.tls = true
        case "--sni": flags.sni = try nonEmpty(value, flag)
        case "--cacert": flags.caFile = try nonEmpty(value, flag)
        case "--cacertdir": flags.caDirectory = try nonEmpty(value, flag)
        case "--insecure": flags.insecure = true
        case "--cert": flags.certificateFile = try nonEmpty(value, flag)
        case "--key": flags.keyFile = try nonEmpty(value, flag)
        case "--tls-ciphers": flags.ciphers = try nonEmpty(value, flag)
        case "--tls-ciphersuites": flags.ciphersuites = try nonEmpty(value, flag)
        case "--tls-server-name": flags.expectedServerName = try nonEmpty(ValueParsing.host(value), flag)
        case "--profile": flags.profile = try ValueParsing.profile(value, origin: flag)
        case "--no-auth-warning": flags.options.noAuthWarning = true
        case "--raw": setOutput(.raw, flag, &flags)
        case "--no-raw": setOutput(.formatted, flag, &flags)
        case "--csv": setOutput(.csv, flag, &flags)
        case "--json": setOutput(.json, flag, &flags)
        case "--quoted-json": setOutput(.quotedJSON, flag, &flags)
        case "-e": flags.options.exitOnErrorReply = true
        case "-2": break  // RESP2 is the only protocol spoken; scripts using `--json -2` keep working
        case "-x": flags.options.lastArgumentFromStdin = true
        case "-r":
            flags.options.repeatCount = try ValueParsing.repeatCount(value, origin: flag)
            flags.options.repeatCountGiven = true
        case "-i": flags.options.interval = try ValueParsing.seconds(value, origin: flag, allowZero: true)
        case "--pool-size": flags.pool.maxSize = try ValueParsing.count(value, origin: flag, range: 1...10_000)
        case "--pool-min-idle": flags.pool.minIdle = try ValueParsing.count(value, origin: flag, range: 0...10_000)
        case "--pool-timeout": flags.pool.acquireTimeout = try ValueParsing.seconds(value, origin: flag, allowZero: true)
        case "--health-interval":
            flags.pool.healthInterval = try ValueParsing.seconds(value, origin: flag, allowZero: false)
            flags.options.healthIntervalGiven = true
        case "--retries": flags.retry.retries = try ValueParsing.count(value, origin: flag, range: 0...100)
        case "--retry-base": flags.retry.backoff.base = try ValueParsing.seconds(value, origin: flag, allowZero: true)
        case "--retry-cap": flags.retry.backoff.cap = try ValueParsing.seconds(value, origin: flag, allowZero: true)
        case "--interval": flags.options.interval = try ValueParsing.seconds(value, origin: flag, allowZero: false)
        case "--stats": flags.options.showStats = true
        case "--doctor": flags.options.doctor = true
        case "--cert-warn-days":
            flags.options.doctorThresholds.certificateWarningDays = try ValueParsing.count(value, origin: flag, range: 0...36_500)
        case "--cert-crit-days":
            flags.options.doctorThresholds.certificateCriticalDays = try ValueParsing.count(value, origin: flag, range: 0...36_500)
        case "--latency-warn-ms":
            flags.options.doctorThresholds.latencyWarningMilliseconds = try ValueParsing.milliseconds(value, origin: flag)
        case "--latency-crit-ms":
            flags.options.doctorThresholds.latencyCriticalMilliseconds = try ValueParsing.milliseconds(value, origin: flag)
        case "--latency", "--latency-history", "--latency-dist", "--stat", "--scan", "--bigkeys", "--memkeys",
             "--pipe", "--eval", "--pattern", "--quoted-pattern", "--count", "--memkeys-samples", "--pipe-timeout":
            try CLIModeFlags.apply(flag, value, to: &flags.options.cliMode)
        case "--vi": flags.options.viMode = true
        case "--read-only": flags.options.readOnly = true
        case "--no-tui": flags.options.noTUI = true
        case "--refresh": flags.options.refreshHertz = try ValueParsing.hertz(value, origin: flag, range: 0.5...30)
        case "--show-config": flags.options.showConfig = true
        case "--tls-info": flags.options.showTLS = true
        case "--help":
            flags.options.showHelp = true
            return .stop
        case "--version", "-v":
            flags.options.showVersion = true
            return .stop
        case "--load": flags.options.load = true
        case _ where LoadSettings.flags.contains(flag): try flags.options.loadSettings.apply(flag, value)
        default:
            throw unknown(flag)
        }
        return .continue
    }

    private static func setOutput(_ format: OutputFormat, _ flag: String, _ flags: inout CommandLineFlags) {
        flags.options.output = format
        flags.outputFlag = flag
    }

    private static func nonEmpty(_ value: String, _ flag: String) throws(ConsoleError) -> String {
        guard !value.isEmpty else {
            throw ConsoleError(.usage, "option \(flag) needs a non-empty value", hint: "write \(flag) VALUE")
        }
        return value
    }

    /// Never echoes what could be a secret: `--pass=hunter2` or `-ahunter2` are shown without
    /// their value.
    static func unknown(_ flag: String) -> ConsoleError {
        let help = "run redis-console --help for the list of options"
        if unsupportedRedisCLIFlags.contains(flag) {
            return ConsoleError(.usage, "redis-cli's option \(flag) is not supported by redis-console", hint: help)
        }
        if let equals = flag.firstIndex(of: "=") {
            let name = String(flag[..<equals])
            return ConsoleError(
                .usage, "unknown option '\(name)=...'",
                hint: "options take their value as the next argument: \(name) VALUE; \(help)")
        }
        if !flag.hasPrefix("--"), flag.count > 2 {
            let name = String(flag.prefix(2))
            if valueFlags.contains(name) {
                return ConsoleError(
                    .usage, "unknown option '\(name)...'",
                    hint: "put a space between the option and its value: \(name) VALUE; \(help)")
            }
        }
        return ConsoleError(.usage, "unknown option '\(flag)'", hint: help)
    }
}
