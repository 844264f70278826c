import ConnCore

/// `--load --json`: one object per report. `ops_per_sec` is the last window's rate in a
/// progress report and the whole run's in the final one (`"final": true`); durations in seconds.
public enum LoadJSON {
    public static func render(_ progress: LoadProgress, pool: PoolStats, final: Bool) -> JSONValue {
        let latency = final ? progress.latency : progress.window.latency
        return .object([
            ("final", .bool(final)),
            ("elapsed", .number(progress.elapsed)),
            ("ops_per_sec", .number(final ? progress.opsPerSecond : progress.window.opsPerSecond)),
            ("ops", .int(progress.replies)),
            ("window_ops", .int(final ? progress.replies : progress.window.replies)),
            ("errors", .int(progress.errorCount)),
            ("errors_by_kind", .object(progress.errors.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("latency", .object([
                ("count", .integer(Int64(latency.count))), ("p50", .number(latency.p50)), ("p90", .number(latency.p90)),
                ("p99", .number(latency.p99)), ("max", .number(latency.max)), ("mean", .number(latency.mean)),
            ])),
            ("commands", .object(progress.perCommand.sorted { $0.key < $1.key }.map { ($0.key.rawValue, .int($0.value)) })),
            ("pool", StatsJSON.pool(pool)),
        ])
    }
}
