import ConnCore
import ConsoleUI
import Glibc

/// redis-cli's modes (`--latency*`, `--stat`, `--scan`, `--bigkeys`, `--memkeys`, `--eval`,
/// `--pipe`): a client and a session on the pool, then the mode. `--pipe` alone uses a
/// connection of its own, since its replies are not paired with requests.
extension RedisConsoleMain {
    static func runCLIMode(_ mode: RedisCLIMode, _ loaded: LoadedConfiguration, streams: StandardStreams) -> Int32 {
        let options = loaded.options
        let modeOptions = options.cliMode
        var pattern = modeOptions.pattern
        if let quoted = modeOptions.quotedPattern {
            guard let words = ArgvSplitter.split(Array(quoted.utf8)), words.count == 1 else {
                streams.writeLine("Invalid quoted string specified for --quoted-pattern.", to: .stderr)
                return 1
            }
            pattern = words[0]
        }
        var script: [UInt8] = []
        if case .eval(let file) = mode {
            guard let contents = readFile(file) else {
                streams.writeLine("Can't open file '\(file)': \(String(cString: strerror(errno)))", to: .stderr)
                return 1
            }
            script = contents
        }
        guard let factory = makeFactory(loaded, streams: streams) else { return 1 }
        if mode == .pipe {
            do {
                let connection = try factory.connect()
                return PipeMode(connection: connection, output: streams, timeout: modeOptions.pipeTimeout).run()
            } catch {
                streams.writeLine("Error: \(error.description)", to: .stderr)
                return 1
            }
        }
        let client = RedisClient(factory: factory, pool: loaded.pool, retry: loaded.retry, learnsCommandFlags: false)
        let session = client.makeSession()
        defer {
            session.close()
            client.shutdown()
        }
        do {
            let tls = try session.connect()
            TLSReport.expiryWarnings(tls, now: Int64(time(nil))).forEach { streams.writeLine($0, to: .stderr) }
        } catch {
            streams.writeLine("Error: \(error.description)", to: .stderr)
            return 1
        }
        let style = ReplyStyle(options.output, stdoutIsTTY: StandardStreams.stdoutIsTerminal)
        let sleep: (Double) -> Void = { usleep(useconds_t(max(0, $0) * 1_000_000)) }
        let limit = options.repeatCountGiven && options.repeatCount > 0 ? options.repeatCount : nil
        switch mode {
        case .latency, .latencyHistory, .latencyDist:
            let kind: LatencyMode.Kind = mode == .latency ? .latency : mode == .latencyHistory ? .history : .distribution
            return LatencyMode(kind: kind, style: style, interval: options.interval, maxWindows: limit,
                               output: streams, session: session, sleep: sleep).run()
        case .stat:
            return ServerStatMode(executor: session, output: streams, interval: options.interval, rows: limit,
                                  sleep: sleep).run()
        case .scan:
            return ScanMode(executor: session, pattern: pattern, count: modeOptions.count, style: style,
                            output: streams, interval: options.interval, sleep: sleep).run()
        case .bigkeys, .memkeys:
            let measure: KeyspaceTally.Measure = mode == .bigkeys ? .elements : .memory(samples: modeOptions.memkeysSamples)
            ScanInterrupt.install()
            return KeyspaceMode(executor: session, measure: measure, pattern: pattern, count: modeOptions.count,
                                output: streams, interval: options.interval, sleep: sleep,
                                stopRequested: { ScanInterrupt.isRequested }).run()
        case .eval:
            let argv = EvalCommand.argv(script: script, words: options.command.map { Array($0.utf8) })
            let runner = CommandRunner(executor: session, formatter: ReplyFormatter(style: style), output: streams,
                                       sleep: sleep)
            return runner.runCommandLine(argv, repeatCount: options.repeatCount, interval: options.interval,
                                         exitOnError: options.exitOnErrorReply)
        case .pipe:
            return 1  // handled above, on a connection of its own
        }
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = read(fd, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }
}
