import ConnCore
import Glibc
import Synchronization

/// `redis-console --stats`: a few workers keep the pool busy with read-only commands (PING,
/// DBSIZE, a GET of a key that is never written), the health prober runs, and every interval a
/// snapshot is printed: text for people, one JSON object per line with `--json`. Safe to point
/// at production: nothing is written.
public final class StatsMode {
    public static let workerCount = 4
    /// A worker pauses this long between commands: a light, steady load, not a benchmark.
    public static let pause = 0.02
    static let probeKey = "redis-console:stats:never-written"

    private let source: StatisticsSource
    private let output: OutputSink
    private let json: Bool
    private let interval: Double
    private let reports: Int

    /// `reports` < 0: until the process is stopped.
    public init(source: StatisticsSource, output: OutputSink, json: Bool, interval: Double, reports: Int) {
        self.source = source
        self.output = output
        self.json = json
        self.interval = interval > 0 ? interval : 1
        self.reports = reports
    }

    public func run() -> Int32 {
        source.health?.start()
        let stop = StopFlag()
        let client = source.client
        let workers = (0..<Self.workerCount).map { _ in
            BackgroundThread {
                let session = client.makeSession()
                let commands: [[String]] = [["PING"], ["DBSIZE"], ["GET", StatsMode.probeKey]]
                var index = 0
                while !stop.isSet {
                    // Failures are already in the event log and the pool's counters.
                    _ = try? session.execute(commands[index % commands.count].map { Array($0.utf8) })
                    index += 1
                    usleep(useconds_t(StatsMode.pause * 1_000_000))
                }
                session.close()
            }
        }
        var printed = 0
        while reports < 0 || printed < reports {
            usleep(useconds_t(interval * 1_000_000))
            let snapshot = source.snapshot()
            if json {
                output.write(Array((StatsJSON.render(snapshot).serialized() + "\n").utf8), to: .stdout)
            } else {
                output.write(Array((StatsReport.render(snapshot).joined(separator: "\n") + "\n").utf8), to: .stdout)
            }
            printed += 1
        }
        stop.set()
        workers.forEach { $0.join() }
        source.health?.stop()
        return 0
    }
}

/// Tells worker threads to finish.
final class StopFlag: Sendable {
    private let flag = Mutex(false)
    var isSet: Bool { flag.withLock { $0 } }
    func set() { flag.withLock { $0 = true } }
}
