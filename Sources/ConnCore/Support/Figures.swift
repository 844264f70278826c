/// Numbers in the words of a reason, without Foundation's formatters.
public enum Figures {
    public static func milliseconds(_ seconds: Double) -> String {
        let milliseconds = seconds * 1000
        return decimal(milliseconds, places: milliseconds < 10 ? 1 : 0) + " ms"
    }

    /// Like `milliseconds`, with two more decimals below 1 ms, where loopback latencies live:
    /// `0.042 ms` rather than `0.0 ms`.
    public static func fineMilliseconds(_ seconds: Double) -> String {
        let milliseconds = seconds * 1000
        guard milliseconds < 1 else { return Self.milliseconds(seconds) }
        return decimal(milliseconds, places: 3) + " ms"
    }

    /// 1024-based, one decimal: `972.8 MiB`.
    public static func bytes(_ value: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard value >= 1024 else { return "\(value) B" }
        var scaled = Double(value) / 1024
        var unit = 0
        while scaled >= 1024, unit < units.count - 1 {
            scaled /= 1024
            unit += 1
        }
        return decimal(scaled, places: 1) + " " + units[unit]
    }

    /// `value` rounded to `places` decimals, e.g. 1.5 -> "1.50".
    public static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return String(value) }
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let units = Int((abs(value) * Double(scale)).rounded())
        let sign = value < 0 && units > 0 ? "-" : ""
        let whole = String(units / scale)
        guard places > 0 else { return sign + whole }
        let fraction = String(units % scale)
        return sign + whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
