import ConnCore

/// `--stat`: INFO through the pool every interval (`-i`, default 1 s), one `StatLine` row each,
/// the header every 20 rows. Runs until stopped, like redis-cli, or for `-r N` rows (an
/// addition). An error reply prints `ERROR: ...` on stdout and exits 1, as redis-cli does.
public final class ServerStatMode {
    private let executor: CommandExecutor
    private let output: OutputSink
    private let interval: Double
    private let rows: Int?
    private let sleep: (Double) -> Void

    public init(executor: CommandExecutor, output: OutputSink, interval: Double, rows: Int?,
                sleep: @escaping (Double) -> Void) {
        self.executor = executor
        self.output = output
        self.interval = interval > 0 ? interval : 1
        self.rows = rows
        self.sleep = sleep
    }

    public func run() -> Int32 {
        var line = StatLine()
        while rows.map({ line.rows < $0 }) ?? true {
            let reply: RESPValue
            do {
                reply = try executor.execute([Array("INFO".utf8)])
            } catch {
                output.write(Array("Error: \(error.description)\n".utf8), to: .stderr)
                return 1
            }
            if case .error(let text) = reply {
                output.write(Array("ERROR: ".utf8) + text + [0x0a], to: .stdout)
                return 1
            }
            output.write(Array(line.render(info: reply.text ?? "").utf8), to: .stdout)
            if rows.map({ line.rows >= $0 }) == true { break }
            sleep(interval)
        }
        return 0
    }
}
