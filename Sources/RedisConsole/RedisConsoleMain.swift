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
        ArgumentScrubber.scrubPasswords(CommandLine.arguments)
        var loaded: LoadedConfiguration
        do {
            loaded = try ConfigurationLoader.load(arguments: arguments,
                                                  environment: ProcessEnvironment.current(),
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

        let client: DirectClient
        do {
            client = DirectClient(factory: try ConnectionFactory(settings: loaded.connection))
            try client.connect()
        } catch {
            streams.writeLine("Error: \(error.description)", to: .stderr)
            return 1
        }
        defer { client.close() }

        let now = Int64(time(nil))
        if options.showTLS {
            let endpoint = Endpoint.describe(host: loaded.connection.host, port: loaded.connection.port)
            TLSReport.render(client.connection?.tls, endpoint: endpoint, now: now).forEach { streams.writeLine($0, to: .stdout) }
            return 0
        }
        TLSReport.expiryWarnings(client.connection?.tls, now: now).forEach { streams.writeLine($0, to: .stderr) }

        let style = ReplyStyle(options.output, stdoutIsTTY: StandardStreams.stdoutIsTerminal)
        let runner = CommandRunner(executor: client, formatter: ReplyFormatter(style: style), output: streams,
                                   sleep: { usleep(useconds_t(max(0, $0) * 1_000_000)) })
        if !options.command.isEmpty {
            var argv = options.command.map { Array($0.utf8) }
            if options.lastArgumentFromStdin { argv.append(StandardStreams.readAllInput()) }
            return runner.runCommandLine(argv, repeatCount: options.repeatCount, interval: options.interval,
                                         exitOnError: options.exitOnErrorReply)
        }
        // A terminal gets a prompt until the line-editing REPL arrives; a pipe gets none.
        let endpoint = Endpoint.describe(host: loaded.connection.host, port: loaded.connection.port)
        let reader = LineReader(prompt: StandardStreams.stdinIsTerminal ? { "\(endpoint)> " } : nil)
        return runner.runLines(next: reader.next)
    }
}
