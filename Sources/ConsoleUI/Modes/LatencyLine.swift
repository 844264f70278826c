/// redis-cli's `latencyModePrint`, byte for byte, plus p50/p99:
/// - tty:  `min: 0, max: 1, avg: 0.19 (1234 samples) p50: 0.18 p99: 0.40` (no newline: the line
///         is redrawn in place; redis-cli's part comes first, unchanged)
/// - raw:  `0 1 0.19 1234`, csv: `0,1,0.19,1234` (exactly redis-cli's: scripts split these)
/// - json: `{"min": 0, "max": 1, "avg": 0.19, "count": 1234, "p50": 0.18, "p99": 0.40}`
///         (redis-cli's keys first; p50/p99 are added keys)
public enum LatencyLine {
    /// Clears the terminal line before a redraw (redis-cli: `\x1b[0G\x1b[2K`).
    public static let clearLine = "\u{1b}[0G\u{1b}[2K"

    public static func render(_ window: LatencyWindow, style: ReplyStyle) -> String {
        let min = window.minMilliseconds, max = window.maxMilliseconds, count = window.count
        let avg = fixed2(window.averageMilliseconds)
        let p50 = fixed2(window.percentileMilliseconds(0.50)), p99 = fixed2(window.percentileMilliseconds(0.99))
        switch style {
        case .tty:
            return "min: \(min), max: \(max), avg: \(avg) (\(count) samples) p50: \(p50) p99: \(p99)"
        case .csv:
            return "\(min),\(max),\(avg),\(count)\n"
        case .raw:
            return "\(min) \(max) \(avg) \(count)\n"
        case .json, .quotedJSON:
            return "{\"min\": \(min), \"max\": \(max), \"avg\": \(avg), \"count\": \(count), \"p50\": \(p50), \"p99\": \(p99)}\n"
        }
    }

    /// `--latency-history`: after each window, ` -- 15.01 seconds range` and a newline.
    public static func historyRange(seconds: Double) -> String {
        " -- \(fixed2(seconds)) seconds range\n"
    }

    static func fixed2(_ value: Double) -> String { CFormat.percent2f(value) }
}
