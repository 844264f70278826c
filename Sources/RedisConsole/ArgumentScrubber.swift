import CProcessArguments
import ConnCore

/// Overwrites a password given with `-a`/`--pass`, or inside a `-u` URL, in the process's
/// original argv, so `ps` stops showing it once we run. (It is visible before that: the
/// warning still points users to REDISCLI_AUTH or --askpass.)
enum ArgumentScrubber {
    static func scrubPasswords(_ arguments: [String]) {
        guard var cursor = rc_original_argv0() else { return }
        var originals: [UnsafeMutablePointer<CChar>] = []
        for argument in arguments {
            // Only trust the block if it holds exactly the arguments Swift gave us.
            guard String(cString: cursor) == argument else { return }
            originals.append(cursor)
            cursor += argument.utf8.count + 1
        }
        var index = 1
        while index < arguments.count {
            let flag = arguments[index]
            guard flag.hasPrefix("-") else { break }  // the command's own words are the user's
            guard FlagParser.valueFlags.contains(flag), index + 1 < arguments.count else {
                index += 1
                continue
            }
            let value = arguments[index + 1]
            if flag == "-a" || flag == "--pass" {
                blank(originals[index + 1], range: 0..<value.utf8.count)
            } else if flag == "-u", let range = urlPasswordRange(value) {
                blank(originals[index + 1], range: range)
            }
            index += 2
        }
    }

    /// Byte offsets of the password in `scheme://user:PASSWORD@host` or `scheme://PASSWORD@host`.
    static func urlPasswordRange(_ url: String) -> Range<Int>? {
        let bytes = Array(url.utf8)
        guard let scheme = (0..<bytes.count).first(where: { bytes[$0...].starts(with: Array("://".utf8)) }) else { return nil }
        let start = scheme + 3
        guard let at = bytes[start...].firstIndex(of: UInt8(ascii: "@")) else { return nil }
        let from = bytes[start..<at].firstIndex(of: UInt8(ascii: ":")).map { $0 + 1 } ?? start
        return from < at ? from..<at : nil
    }

    private static func blank(_ pointer: UnsafeMutablePointer<CChar>, range: Range<Int>) {
        for offset in range { pointer[offset] = CChar(UInt8(ascii: "*")) }
    }
}
