import Glibc

/// The `(0.51s)` line redis-cli prints after a command that took half a second or more.
///
/// redis-cli 7.0.15 (`repl()`): `elapsed = mstime() - start_time` in whole milliseconds; when
/// `elapsed >= 500` and the output is the standard (tty-formatted) one, it prints
/// `printf("(%.2fs)\n", (double)elapsed/1000)` on a line of its own. Nothing is printed in raw,
/// CSV or JSON output; the caller applies that rule (`applies(to:)`).
public enum SlowCommandTiming {
    public static let thresholdMilliseconds = 500

    /// `(0.51s)` for `seconds` >= 0.5, else nil. The text of the line, without its `\n`.
    public static func suffix(seconds: Double) -> String? {
        guard seconds.isFinite else { return nil }
        // Whole milliseconds like redis-cli's; the nudge keeps 1.005 s from becoming 1004.999... ms.
        let milliseconds = Int((seconds * 1000 + 1e-6).rounded(.down))
        guard milliseconds >= thresholdMilliseconds else { return nil }
        return "(" + format2(Double(milliseconds) / 1000) + "s)"
    }

    /// Whether redis-cli prints the timing in this output style: only formatted tty output.
    public static func applies(to style: ReplyStyle) -> Bool { style == .tty }

    /// C's `%.2f`, which rounds the exact binary value: 1.005 is 1.00499... and prints 1.00,
    /// 0.505 is 0.50500...04 and prints 0.51.
    private static func format2(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.2f", $0) }
        guard count > 0 else { return StatsReport.fixed(value, 2) }
        return String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
