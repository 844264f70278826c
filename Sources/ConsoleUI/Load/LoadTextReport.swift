import ConnCore

/// `--load`'s text output, as pure functions of the progress: one line per report window,
/// then a summary block.
public enum LoadTextReport {
    /// `  3.0 s  31,245 ops/s  p50 1.52 ms  p99 4.10 ms  max 9.80 ms  errors 0  pool 50/50 in use, 12 waiting`
    public static func intervalLine(_ progress: LoadProgress, pool: PoolStats) -> String {
        let window = progress.window
        let latency = window.latency
        return pad(Figures.decimal(progress.elapsed, places: 1) + " s", 8)
            + "  " + pad(grouped(Int(window.opsPerSecond.rounded())), 9) + " ops/s"
            + "  p50 " + Figures.fineMilliseconds(latency.p50)
            + "  p99 " + Figures.fineMilliseconds(latency.p99)
            + "  max " + Figures.fineMilliseconds(latency.max)
            + "  errors \(grouped(progress.errorCount))"
            + "  pool \(pool.inUse)/\(pool.maxSize) in use, \(pool.waiters) waiting"
    }

    /// The final block: totals, rate, percentiles, per-command counts, errors and the pool.
    public static func summary(_ progress: LoadProgress, settings: LoadSettings, pool: PoolStats) -> [String] {
        let latency = progress.latency
        let commands = progress.perCommand.sorted { $0.key < $1.key }
            .map { "\($0.key.rawValue) \(grouped($0.value))" }.joined(separator: "  ")
        let errors = errorList(progress).joined(separator: ", ")
        return [
            "--- load summary: \(Figures.decimal(progress.elapsed, places: 1)) s, \(settings.workers) workers, "
                + "pipeline \(settings.pipeline), \(settings.valueSize)-byte values, \(grouped(settings.keys)) keys",
            "total     \(grouped(progress.replies)) replies, \(grouped(progress.errorCount)) errors",
            "ops/s     \(grouped(Int(progress.opsPerSecond.rounded())))",
            "latency   p50 \(Figures.fineMilliseconds(latency.p50))  p90 \(Figures.fineMilliseconds(latency.p90))"
                + "  p99 \(Figures.fineMilliseconds(latency.p99))  max \(Figures.fineMilliseconds(latency.max))",
            "commands  " + (commands.isEmpty ? "none" : commands),
            "errors    " + (errors.isEmpty ? "none" : errors),
            "pool      peak \(pool.peakInUse)/\(pool.maxSize) in use, peak \(pool.peakWaiters) waiting, "
                + "\(pool.created) opened, \(pool.exhaustedCount) exhausted",
        ]
    }

    /// "timeout 30", "io 6": the commonest kind first.
    static func errorList(_ progress: LoadProgress) -> [String] {
        progress.errors.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \(grouped($0.value))" }
    }

    /// 1234567 -> "1,234,567".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
