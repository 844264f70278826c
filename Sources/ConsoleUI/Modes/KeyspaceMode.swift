import ConnCore

/// `--bigkeys` / `--memkeys`: DBSIZE for the progress, then SCAN; for every key TYPE and its
/// size (STRLEN, LLEN, ... or MEMORY USAGE), all through the pool; `KeyspaceTally` decides what
/// is printed. `-i S` sleeps S seconds every 100 SCAN batches, as in redis-cli.
public final class KeyspaceMode {
    private let executor: CommandExecutor
    private let scanner: KeyScanner
    private let output: OutputSink
    private let interval: Double
    private let sleep: (Double) -> Void
    private var tally: KeyspaceTally

    public init(executor: CommandExecutor, measure: KeyspaceTally.Measure, pattern: [UInt8]?, count: Int?,
                output: OutputSink, interval: Double, sleep: @escaping (Double) -> Void) {
        self.executor = executor
        self.scanner = KeyScanner(executor: executor, pattern: pattern, count: count)
        self.tally = KeyspaceTally(measure: measure)
        self.output = output
        self.interval = interval
        self.sleep = sleep
    }

    public func run() -> Int32 {
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
            let scanError = try scanner.forEachBatch { keys in
                let percent = total > 0 ? 100 * Double(tally.sampled) / Double(total) : 0
                do throws(ConsoleError) {
                    try measure(keys, percent: percent)
                } catch {
                    failure = error
                    return false
                }
                batches += 1
                if interval > 0, batches % 100 == 0 { sleep(interval) }
                return true
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
        write(tally.summary())
        return 0
    }

    private func measure(_ keys: [[UInt8]], percent: Double) throws(ConsoleError) {
        for key in keys {
            guard case .simpleString(let typeBytes) = try executor.execute([Array("TYPE".utf8), key]) else { continue }
            let type = String(decoding: typeBytes, as: UTF8.self)
            if type == "none" { continue }  // deleted between SCAN and TYPE
            var size: Int64 = 0
            if let command = tally.sizeCommand(forKey: key, type: type) {
                if case .integer(let value) = try executor.execute(command) {
                    size = value
                } else {
                    let name = tally.measure == .elements ? String(decoding: command[0], as: UTF8.self) : "MEMORY USAGE"
                    output.write(Array("Warning:  \(name) on '".utf8) + key + Array("' failed (may have changed type)\n".utf8),
                                 to: .stderr)
                }
            }
            if let line = tally.add(key: key, type: type, size: size, percent: percent) { write(line) }
        }
    }

    private func write(_ text: String) {
        output.write(Array(text.utf8), to: .stdout)
    }
}
