import ConnCore

/// SCAN's cursor loop through the pool, for `--scan`, `--bigkeys` and `--memkeys`: MATCH and
/// COUNT when given, each batch handed to the caller. SCAN is read-only, so a batch lost to a
/// broken connection is fetched again by the session's retries.
struct KeyScanner {
    let executor: CommandExecutor
    let pattern: [UInt8]?
    let count: Int?

    /// Calls `batch` with each SCAN reply's keys until the cursor returns to 0 or `batch`
    /// returns false. Returns the text of a SCAN error reply (the modes print `ERROR: ...`).
    func forEachBatch(_ batch: ([[UInt8]]) -> Bool) throws(ConsoleError) -> [UInt8]? {
        var cursor: [UInt8] = Array("0".utf8)
        repeat {
            var argv: [[UInt8]] = [Array("SCAN".utf8), cursor]
            if let pattern { argv += [Array("MATCH".utf8), pattern] }
            if let count { argv += [Array("COUNT".utf8), Array(String(count).utf8)] }
            let reply = try executor.execute(argv)
            if case .error(let text) = reply { return text }
            guard case .array(let parts) = reply, parts.count == 2, case .bulkString(let next) = parts[0],
                  case .array(let keys) = parts[1] else {
                throw ConsoleError(.protocolError, "SCAN returned an unexpected reply",
                                   hint: "is this a Redis server? run the command by hand to see the reply")
            }
            let names = keys.compactMap { key -> [UInt8]? in
                if case .bulkString(let bytes) = key { return bytes }
                return nil
            }
            if !batch(names) { return nil }
            cursor = next
        } while cursor != Array("0".utf8)
        return nil
    }
}

/// `--scan`: every key matching, one per line: quoted (`"sp ace"`) on a tty, raw otherwise.
public final class ScanMode {
    private let scanner: KeyScanner
    private let style: ReplyStyle
    private let output: OutputSink
    private let interval: Double
    private let sleep: (Double) -> Void

    public init(executor: CommandExecutor, pattern: [UInt8]?, count: Int?, style: ReplyStyle, output: OutputSink,
                interval: Double, sleep: @escaping (Double) -> Void) {
        self.scanner = KeyScanner(executor: executor, pattern: pattern, count: count)
        self.style = style
        self.output = output
        self.interval = interval
        self.sleep = sleep
    }

    public func run() -> Int32 {
        do throws(ConsoleError) {
            let failure = try scanner.forEachBatch { keys in
                output.write(Self.render(keys, style: style), to: .stdout)
                if interval > 0 { sleep(interval) }
                return true
            }
            if let failure {
                output.write(Array("ERROR: ".utf8) + failure + [0x0a], to: .stdout)
                return 1
            }
        } catch {
            output.write(Array("Error: \(error.description)\n".utf8), to: .stderr)
            return 1
        }
        return 0
    }

    /// One batch of keys as redis-cli prints them.
    public static func render(_ keys: [[UInt8]], style: ReplyStyle) -> [UInt8] {
        var out: [UInt8] = []
        for key in keys {
            if style == .tty { ByteEscaping.appendRepr(key, to: &out) } else { out += key }
            out.append(0x0a)
        }
        return out
    }
}
