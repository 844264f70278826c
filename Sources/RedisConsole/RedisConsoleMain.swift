import ConnCore
import ConsoleUI
import Glibc

/// Flags -> configuration -> connection -> a mode. Decisions live in the libraries.
@main
struct RedisConsoleMain {
    static let version = "redis-console 0.1.0"

    static func main() {
        exit(run())
    }

    static func run() -> Int32 {
        let streams = StandardStreams()
        let arguments = Array(CommandLine.arguments.dropFirst())
        let environment = ProcessEnvironment.current()
        ArgumentScrubber.scrubPasswords(CommandLine.arguments)
        var loaded: LoadedConfiguration
        do {
            loaded = try ConfigurationLoader.load(arguments: arguments,
                                                  environment: environment,
                                                  files: SystemFileChecker())
        } catch {
            streams.writeLine("Error: \(error.description)", to: .stderr)
            return 1
        }
        let options = loaded.options
        if options.showHelp { streams.writeLine(HelpText.usage, to: .stdout); return 0 }
        if options.showVersion { streams.writeLine(version, to: .stdout); return 0 }
        for warning in loaded.warnings { streams.writeLine(warning, to: .stderr) }
        if options.showConfig {
            ConfigurationRenderer.render(loaded).forEach { streams.writeLine($0, to: .stdout) }
            return 0
        }
        if loaded.needsPasswordPrompt {
            loaded.connection.password = Secret(PasswordPrompt.read())
        }

        if options.doctor { return runDoctor(loaded, streams: streams) }
        if options.load { return runLoad(loaded, streams: streams) }
        if options.showStats { return runStats(loaded, streams: streams) }
        if let mode = options.cliMode.mode { return runCLIMode(mode, loaded, streams: streams) }
        if options.command.isEmpty, !options.showTLS, StandardStreams.stdinIsTerminal {
            return runInteractive(loaded, environment: environment, streams: streams)
        }

        let client: RedisClient
        let session: ClientSession
        let tls: TLSSessionInfo?
        do {
            client = RedisClient(factory: try ConnectionFactory(settings: loaded.connection), pool: loaded.pool,
                                 retry: loaded.retry, learnsCommandFlags: false)
            session = client.makeSession()
            tls = try session.connect()
        } catch {
            streams.writeLine("Error: \(error.description)", to: .stderr)
            return 1
        }
        defer {
            session.close()
            client.shutdown()
        }

        let now = Int64(time(nil))
        if options.showTLS {
            let endpoint = Endpoint.describe(host: loaded.connection.host, port: loaded.connection.port)
            TLSReport.render(tls, endpoint: endpoint, now: now).forEach { streams.writeLine($0, to: .stdout) }
            return 0
        }
        TLSReport.expiryWarnings(tls, now: now).forEach { streams.writeLine($0, to: .stderr) }

        let style = ReplyStyle(options.output, stdoutIsTTY: StandardStreams.stdoutIsTerminal)
        let runner = CommandRunner(executor: session, formatter: ReplyFormatter(style: style), output: streams,
                                   sleep: { usleep(useconds_t(max(0, $0) * 1_000_000)) })
        if !options.command.isEmpty {
            var argv = options.command.map { Array($0.utf8) }
            if options.lastArgumentFromStdin { argv.append(StandardStreams.readAllInput()) }
            return runner.runCommandLine(argv, repeatCount: options.repeatCount, interval: options.interval,
                                         exitOnError: options.exitOnErrorReply)
        }
        // A pipe: commands line by line, no prompt.
        let reader = LineReader()
        return runner.runLines(next: reader.next)
    }

    /// `--stats`: the pool exercised with read-only commands, a snapshot every interval.
    static func runStats(_ loaded: LoadedConfiguration, streams: StandardStreams) -> Int32 {
        guard let factory = makeFactory(loaded, streams: streams) else { return 1 }
        let options = loaded.options
        let interval = options.interval > 0 ? options.interval : 1
        let client = RedisClient(factory: factory, pool: loaded.pool, retry: loaded.retry)
        client.pool.startMaintenance()
        let prober = HealthProber(factory: factory, interval: min(loaded.pool.healthInterval, interval), events: client.events)
        defer { client.shutdown() }
        let mode = StatsMode(source: StatisticsSource(client: client, health: prober), output: streams,
                             json: options.output == .json, interval: interval,
                             reports: options.repeatCountGiven ? options.repeatCount : -1)
        return mode.run()
    }

    /// The connection factory, or nil after printing why it cannot be made (bad TLS files, ...).
    static func makeFactory(_ loaded: LoadedConfiguration, streams: StandardStreams) -> ConnectionFactory? {
        do {
            return try ConnectionFactory(settings: loaded.connection)
        } catch {
            streams.writeLine("Error: \(error.description)", to: .stderr)
            return nil
        }
    }
}
