import ConnCore

/// The load generator behind `:load`: one run at a time on the console's own client, so the
/// pool, latency and events panes show it; the end of a run goes to the event log.
public final class ConsoleLoad: @unchecked Sendable {
    private let client: RedisClient
    private let running = PthreadMutex<LoadGenerator?>(nil)

    public init(client: RedisClient) {
        self.client = client
    }

    /// The lines to print for `request`.
    public func handle(_ request: LoadRequest) throws(ConsoleError) -> [String] {
        switch request {
        case .start(let settings):
            let generator = LoadGenerator(client: client, settings: settings)
            let started = running.withLock { current -> Bool in
                if current?.isRunning == true { return false }
                current = generator
                return true
            }
            guard started else {
                throw ConsoleError(.usage, "a load run is already going", hint: ":load stop ends it; :load status shows it")
            }
            generator.start()
            let events = client.events
            _ = BackgroundThread {
                generator.waitUntilFinished()
                events.record(.load, Self.outcome(generator.progress()))
            }
            let length = settings.duration.map { Figures.decimal($0, places: 1) + " s" } ?? "until :load stop"
            return ["load: \(settings.workers) workers, \(settings.commands.map(\.rawValue).joined(separator: ",")), "
                    + "pipeline \(settings.pipeline), \(length), keys load:* only; watch the pool and latency panes"]
        case .stop:
            guard let generator = running.withLock({ $0 }), generator.isRunning else { return ["load: nothing is running"] }
            generator.stop()
            return ["load: stopped"]
        case .status:
            guard let generator = running.withLock({ $0 }) else { return ["load: nothing has run yet"] }
            let progress = generator.progress()
            guard progress.running else { return [Self.outcome(progress, ended: "load finished")] }
            return ["load running: " + LoadTextReport.intervalLine(progress, pool: client.pool.stats())]
        }
    }

    /// The run going now, for the dashboard's console rule; nil when none runs.
    public func currentProgress() -> LoadProgress? {
        guard let generator = running.withLock({ $0 }), generator.isRunning else { return nil }
        return generator.progress()
    }

    /// Ends a run when the console closes or reconnects.
    public func stop() {
        running.withLock { $0 }?.stop()
    }

    /// "load done: 10.0 s, 23,102 ops/s, p99 4.70 ms, 0 errors", or with "36 errors (timeout 30, ...)".
    static func outcome(_ progress: LoadProgress, ended: String = "load done") -> String {
        let kinds = LoadTextReport.errorList(progress)
        return "\(ended): \(Figures.decimal(progress.elapsed, places: 1)) s, "
            + "\(LoadTextReport.grouped(Int(progress.opsPerSecond.rounded()))) ops/s, "
            + "p99 \(Figures.fineMilliseconds(progress.latency.p99)), \(LoadTextReport.grouped(progress.errorCount)) errors"
            + (kinds.isEmpty ? "" : " (" + kinds.joined(separator: ", ") + ")")
    }
}
