/// The history file's text, our own format (not libedit's `_HiStOrY_V2_`, whose escaping
/// depends on the libedit version):
///
/// ```
/// redis-console history v1
/// GET key
/// SET "a b" "line\nbreak"
/// ```
///
/// - The first line is the header above, exactly; it marks the file as ours, and a file without
///   it is never overwritten (`REDISCONSOLE_HISTFILE` may point at someone else's file).
/// - Then one entry per line, oldest first, each line ended by `\n`.
/// - In an entry, `\` is written `\\`, a line feed `\n` and a carriage return `\r`; every other
///   byte (UTF-8 or not) is written as it is.
/// - Reading is forgiving: an unknown escape or a lone `\` at the end of a line is kept as
///   typed, empty lines are skipped, and each oddity is counted so the caller can warn.
public enum HistoryFileFormat {
    public static let header = "redis-console history v1"

    public static func encode(_ entries: [[UInt8]]) -> [UInt8] {
        var out = Array(header.utf8)
        out.append(0x0a)
        for entry in entries {
            for byte in entry {
                switch byte {
                case 0x5c: out += [0x5c, 0x5c]
                case 0x0a: out += [0x5c, UInt8(ascii: "n")]
                case 0x0d: out += [0x5c, UInt8(ascii: "r")]
                default: out.append(byte)
                }
            }
            out.append(0x0a)
        }
        return out
    }

    /// What a file held: its entries, oldest first, and how much of it made no sense.
    public struct Decoded: Sendable, Equatable {
        public var entries: [[UInt8]]
        /// False when the first line is not `header` (the lines are then taken as they are).
        public var hasHeader: Bool
        /// Lines with an escape that is not `\\`, `\n` or `\r`, or cut short (the last one,
        /// with no line end).
        public var damagedLines: Int
    }

    /// `dropsFirstLine`: the text starts in the middle of the file (a tail), so its first line is
    /// a fragment and there is no header to look for.
    public static func decode(_ bytes: [UInt8], dropsFirstLine: Bool = false) -> Decoded {
        var lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false)
        // The text after the last line feed: empty in a whole file, else a line cut short.
        let cutShort = lines.last?.isEmpty == false
        if !cutShort, !lines.isEmpty { lines.removeLast() }
        var damaged = 0
        var hasHeader = false
        if dropsFirstLine {
            if !lines.isEmpty { lines.removeFirst() }
            hasHeader = true
        } else if let first = lines.first, first.elementsEqual(header.utf8) {
            lines.removeFirst()
            hasHeader = true
        }
        var entries: [[UInt8]] = []
        for (index, line) in lines.enumerated() where !line.isEmpty {
            var ok = true
            if hasHeader {
                let (entry, escapesOK) = unescape(line)
                entries.append(entry)
                ok = escapesOK
            } else {
                entries.append(Array(line))
            }
            if !ok || (cutShort && index == lines.count - 1) { damaged += 1 }
        }
        return Decoded(entries: entries, hasHeader: hasHeader, damagedLines: damaged)
    }

    private static func unescape(_ line: ArraySlice<UInt8>) -> ([UInt8], Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(line.count)
        var ok = true
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            index += 1
            guard byte == 0x5c else {
                out.append(byte)
                continue
            }
            guard index < line.endIndex else {
                out.append(byte)
                ok = false
                break
            }
            switch line[index] {
            case 0x5c: out.append(0x5c)
            case UInt8(ascii: "n"): out.append(0x0a)
            case UInt8(ascii: "r"): out.append(0x0d)
            default:
                out += [byte, line[index]]
                ok = false
            }
            index += 1
        }
        return (out, ok)
    }
}
