import ConnCore
import ConsoleUI

/// `--load`: the load generator on a pool of its own, reporting every `--interval` seconds
/// (default 1) and a summary at the end; Ctrl-C ends the run early, summary included.
extension RedisConsoleMain {
    static func runLoad(_ loaded: LoadedConfiguration, streams: StandardStreams) -> Int32 {
        let interrupts = InterruptWatcher()
        interrupts.start()  // before any other thread exists
        var settings = loaded.options.loadSettings
        if loaded.options.interval > 0 { settings.interval = loaded.options.interval }
        let client: RedisClient
        do throws(ConsoleError) {
            client = RedisClient(factory: try ConnectionFactory(settings: loaded.connection), pool: loaded.pool, retry: loaded.retry)
        } catch {
            streams.writeLine("Error: \(error.description)", to: .stderr)
            return 1
        }
        defer { client.shutdown() }
        let reporter = LoadReporter(generator: LoadGenerator(client: client, settings: settings), output: streams,
                                    json: loaded.options.output == .json, interrupt: interrupts.begin())
        return reporter.run()
    }
}
