import Glibc

/// printf conversions redis-cli's modes use, done by the C library so rounding and padding
/// match redis-cli's output exactly.
enum CFormat {
    /// `%.2f`
    static func percent2f(_ value: Double) -> String { format("%.2f", value) }
    /// `%05.2f`: bigkeys' percentages (`09.09`).
    static func percent052f(_ value: Double) -> String { format("%05.2f", value) }

    private static func format(_ pattern: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = withVaList([value]) { vsnprintf(&buffer, buffer.count, pattern, $0) }
        return String(decoding: buffer.prefix(Int(max(0, count))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `%-Ns`: left-aligned, padded with spaces to `width` (never cut).
    static func leftAligned(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `%Ns`: right-aligned.
    static func rightAligned(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
