/// redis-cli's `N COMMAND` at the prompt: `3 INCR x` runs `INCR x` three times.
///
/// redis-cli 7.0.15 (`repl()`): when the line has more than one argument and the first one is a
/// whole number for C `strtol` (base 10, leading blanks and a sign allowed, nothing after the
/// digits), it is the repeat count; a count that is not positive or does not fit a `long` is
/// refused with "Invalid redis-cli repeat command option value." and the line is neither run nor
/// kept in history. `3` alone, `3x y` and `0x3 y` are ordinary commands. The argument is a C
/// string, so it ends at its first NUL byte.
public enum RepeatPrefix: Sendable, Equatable {
    /// No prefix: the whole argv is the command.
    case none
    /// Run `argv.dropFirst()` `count` times.
    case times(Int)
    /// A prefix that is not a positive count that fits: redis-cli refuses the line.
    case invalid

    /// redis-cli's words for `.invalid`, printed on stdout.
    public static let invalidMessage = "Invalid redis-cli repeat command option value."

    public static func of(_ argv: [[UInt8]]) -> RepeatPrefix {
        guard argv.count > 1 else { return .none }
        let text = argv[0].prefix { $0 != 0 }
        var index = text.startIndex
        while index < text.endIndex, isSpace(text[index]) { index += 1 }
        var negative = false
        if index < text.endIndex, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        let digits = text[index...]
        guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return .none }
        // strtol with no digits at all leaves the end pointer at the start: only an empty
        // argument then ends there, and it counts as 0.
        if digits.isEmpty { return text.isEmpty ? .invalid : .none }
        var value = 0
        for digit in digits {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return .invalid }  // ERANGE
            value = sum
        }
        guard !negative, value > 0 else { return .invalid }
        return .times(value)
    }

    /// The command without its repeat count (unchanged when there is none or it is invalid).
    public static func command(of argv: [[UInt8]]) -> [[UInt8]] {
        if case .times = of(argv) { return Array(argv.dropFirst()) }
        return argv
    }

    /// C `isspace` in the C locale.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0d).contains(byte)
    }
}
