/// redis-cli's REPL line splitting: sds.c `sdssplitargs`, byte for byte.
///
/// Rules (each checked against redis-cli 7.0.15 by piping lines into it):
/// - Blanks (`isspace`: space, \t, \n, \v, \f, \r) before a word are skipped, but an unquoted
///   word ends only at space, \t, \n, \r or the end: `a\vb` is one argument.
/// - `"..."` understands `\n \r \t \b \a`, `\xHH` (exactly two hex digits, either case), and
///   `\<any other byte>` as that byte (`\q` is `q`, `\x4"` is `x4`).
/// - `'...'` understands only `\'`; every other backslash is literal.
/// - A quote may open in the middle of a word (`ab"c d"` is `abc d`), but a closing quote must
///   be followed by a blank or the end (`"a"b`, `"a""b"` are invalid).
/// - An unterminated quote is invalid.
/// - The line is a C string: it ends at the first NUL byte (`a\0b c` splits as `a`).
public enum ArgvSplitter {
    /// What redis-cli prints, on stdout, for a line that does not split; it then goes on with
    /// the next line (and exits 0 at the end).
    public static let invalidArgumentsMessage: [UInt8] = Array("Invalid argument(s)\n".utf8)

    /// nil when the line has unbalanced quotes or a closing quote not followed by a space
    /// (redis-cli: "Invalid argument(s)"). An empty or blank line gives `[]`, which redis-cli
    /// skips silently.
    public static func split(_ line: [UInt8]) -> [[UInt8]]? {
        let bytes = Array(line.prefix { $0 != 0 })
        var args: [[UInt8]] = []
        var index = 0

        while true {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return args }

            var current: [UInt8] = []
            var inDouble = false
            var inSingle = false
            var done = false
            while !done {
                let byte: UInt8? = index < bytes.count ? bytes[index] : nil
                let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
                if inDouble {
                    guard let byte else { return nil }  // unterminated quotes
                    if byte == 0x5c, next == UInt8(ascii: "x"), index + 3 < bytes.count,
                       let high = hexValue(bytes[index + 2]), let low = hexValue(bytes[index + 3]) {
                        current.append(high << 4 | low)
                        index += 3
                    } else if byte == 0x5c, let next {
                        current.append(unescape(next))
                        index += 1
                    } else if byte == UInt8(ascii: "\"") {
                        if let next, !isSpace(next) { return nil }
                        done = true
                    } else {
                        current.append(byte)
                    }
                } else if inSingle {
                    guard let byte else { return nil }  // unterminated quotes
                    if byte == 0x5c, next == UInt8(ascii: "'") {
                        current.append(UInt8(ascii: "'"))
                        index += 1
                    } else if byte == UInt8(ascii: "'") {
                        if let next, !isSpace(next) { return nil }
                        done = true
                    } else {
                        current.append(byte)
                    }
                } else {
                    switch byte {
                    case nil, 0x20, 0x0a, 0x0d, 0x09: done = true
                    case UInt8(ascii: "\""): inDouble = true
                    case UInt8(ascii: "'"): inSingle = true
                    case let other?: current.append(other)
                    }
                }
                if index < bytes.count { index += 1 }
            }
            args.append(current)
        }
    }

    /// C `isspace` in the C locale.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0d).contains(byte)
    }

    private static func unescape(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "n"): return 0x0a
        case UInt8(ascii: "r"): return 0x0d
        case UInt8(ascii: "t"): return 0x09
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "a"): return 0x07
        default: return byte
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
