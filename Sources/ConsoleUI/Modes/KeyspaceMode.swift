import ConnCore

/// `--bigkeys` / `--memkeys`: DBSIZE for the progress, then SCAN; for every batch TYPE and the
/// sizes (STRLEN, LLEN, ... or MEMORY USAGE), pipelined through the pool; `KeyspaceTally`
/// decides what is printed. `-i S` sleeps S seconds every 100 SCAN batches, as in redis-cli. When
/// `stopRequested` turns true (Ctrl-C), the scan stops and the summary of what was sampled is
/// printed, its first line prefixed with the progress, as redis-cli does.
public final class KeyspaceMode {
    private let executor: CommandExecutor
    private let scanner: KeyScanner
    private let output: OutputSink
    private let interval: Double
    private let sleep: (Double) -> Void
    private let stopRequested: () -> Bool
    private var tally: KeyspaceTally

    public init(executor: CommandExecutor, measure: KeyspaceTally.Measure, pattern: [UInt8]?, count: Int?,
                output: OutputSink, interval: Double, sleep: @escaping (Double) -> Void,
                stopRequested: @escaping () -> Bool = { false }) {
        self.executor = executor
        self.scanner = KeyScanner(executor: executor, pattern: pattern, count: count)
        self.tally = KeyspaceTally(measure: measure)
        self.output = output
        self.interval = interval
        self.sleep = sleep
        self.stopRequested = stopRequested
    }

    public func run() -> Int32 {
        var interruptedAt: Double?
        do throws(ConsoleError) {
            let total: Int64
            switch try executor.execute([Array("DBSIZE".utf8)]) {
            case .integer(let value): total = value
            case .error(let text):
                write("ERROR: " + String(decoding: text, as: UTF8.self) + "\n")
                return 1
            default: total = 0
            }
            write(KeyspaceTally.banner)
            var batches = 0
            var failure: ConsoleError?
            var percent = 0.0
            let scanError = try scanner.forEachBatch { keys in
                percent = total > 0 ? 100 * Double(tally.sampled) / Double(total) : 0
                do throws(ConsoleError) {
                    try measure(keys, percent: percent)
                } catch {
                    failure = error
                    return false
                }
                batches += 1
                if interval > 0, batches % 100 == 0 { sleep(interval) }
                if stopRequested() { interruptedAt = percent }
                return interruptedAt == nil
            }
            if let failure { throw failure }
            if let scanError {
                write("ERROR: " + String(decoding: scanError, as: UTF8.self) + "\n")
                return 1
            }
        } catch {
            output.write(Array("Error: \(error.description)\n".utf8), to: .stderr)
            return 1
        }
        write(tally.summary(interruptedAt: interruptedAt))
        return 0
    }

    /// TYPE for the whole batch, then each key's size command, each step in one round trip.
    private func measure(_ keys: [[UInt8]], percent: Double) throws(ConsoleError) {
        let typeReplies = try executor.executeAll(keys.map { [Array("TYPE".utf8), $0] })
        var measured: [(key: [UInt8], type: String, command: [[UInt8]]?)] = []
        for (key, reply) in zip(keys, typeReplies) {
            guard case .simpleString(let typeBytes) = reply else { continue }
            let type = String(decoding: typeBytes, as: UTF8.self)
            if type == "none" { continue }  // deleted between SCAN and TYPE
            measured.append((key, type, tally.sizeCommand(forKey: key, type: type)))
        }
        let sizeReplies = try executor.executeAll(measured.compactMap(\.command))
        var next = sizeReplies.makeIterator()
        for item in measured {
            var size: Int64 = 0
            if let command = item.command {
                if case .integer(let value)? = next.next() {
                    size = value
                } else {
                    let name = tally.measure == .elements ? String(decoding: command[0], as: UTF8.self) : "MEMORY USAGE"
                    output.write(Array("Warning:  \(name) on '".utf8) + item.key + Array("' failed (may have changed type)\n".utf8),
                                 to: .stderr)
                }
            }
            if let line = tally.add(key: item.key, type: item.type, size: size, percent: percent) { write(line) }
        }
    }

    private func write(_ text: String) {
        output.write(Array(text.utf8), to: .stdout)
    }
}
