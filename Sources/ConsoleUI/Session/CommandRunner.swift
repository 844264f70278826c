import ConnCore

/// Runs commands as redis-cli's non-interactive modes do, and prints their replies byte for byte
/// as redis-cli would: one command from the command line (`-r`, `-i`, `-e`), or lines read from
/// a pipe. Errors of our own (connection, TLS, timeouts) go to stderr with their fix.
public final class CommandRunner {
    private let executor: CommandExecutor
    private let formatter: ReplyFormatter
    private let output: OutputSink
    private let sleep: (Double) -> Void

    public init(executor: CommandExecutor, formatter: ReplyFormatter, output: OutputSink,
                sleep: @escaping (Double) -> Void) {
        self.executor = executor
        self.formatter = formatter
        self.output = output
        self.sleep = sleep
    }

    /// `redis-console [options] CMD ARGS...`. `repeatCount` < 0 repeats for ever. Returns the
    /// process exit status: 1 after a failure of ours, or an error reply with `-e`.
    public func runCommandLine(_ argv: [[UInt8]], repeatCount: Int, interval: Double, exitOnError: Bool) -> Int32 {
        var remaining = repeatCount
        while remaining != 0 {
            if remaining > 0 { remaining -= 1 }
            switch run(argv, exitOnError: exitOnError) {
            case .replied: break
            case .failed, .errorReplyWithExit: return 1
            }
            if remaining != 0 && interval > 0 { sleep(interval) }
        }
        return 0
    }

    /// Commands read from a pipe, one per line, with redis-cli's REPL rules: blank lines are
    /// skipped, a line that does not split prints "Invalid argument(s)", `N CMD` repeats,
    /// `quit`/`exit` stop. Unlike redis-cli, a failure to reach the server makes the exit status
    /// 1 (redis-cli exits 0), so scripts notice; error replies do not (`-e` is redis-cli's
    /// one-shot flag only).
    public func runLines(next readLine: () -> [UInt8]?) -> Int32 {
        var status: Int32 = 0
        while let line = readLine() {
            guard var argv = ArgvSplitter.split(line) else {
                output.write(ArgvSplitter.invalidArgumentsMessage, to: .stdout)
                continue
            }
            guard let first = argv.first else { continue }
            let word = String(decoding: first, as: UTF8.self).lowercased()
            if word == "quit" || word == "exit" { break }
            var repeats = 1
            if argv.count > 1, let count = Int(word) {
                guard count > 0 else {
                    output.write(Self.invalidRepeatMessage, to: .stdout)
                    continue
                }
                repeats = count
                argv.removeFirst()
            }
            for _ in 0..<repeats {
                if case .failed = run(argv, exitOnError: false) {
                    status = 1
                    break
                }
            }
        }
        return status
    }

    /// redis-cli's words for `0 CMD` or `-1 CMD`; nothing is sent.
    static let invalidRepeatMessage = Array("Invalid redis-cli repeat command option value.\n".utf8)

    private enum Outcome { case replied, failed, errorReplyWithExit }

    private func run(_ argv: [[UInt8]], exitOnError: Bool) -> Outcome {
        do {
            let reply = try executor.execute(argv)
            let verbatim = ReplyFormatter.isVerbatimCommand(argv)
            let result = formatter.output(for: reply, verbatim: verbatim, exitOnError: exitOnError)
            if StreamingCommands.isStreaming(argv), !reply.isError {
                if formatter.style != .raw, StreamingCommands.announcesStream(argv) {
                    output.write(StreamingCommands.readingMessagesBanner, to: .stdout)
                }
                output.write(result.bytes, to: result.destination)
                return stream()
            }
            output.write(result.bytes, to: result.destination)
            return result.exitsWithFailure ? .errorReplyWithExit : .replied
        } catch {
            output.report(error)
            return .failed
        }
    }

    /// Prints pushed messages until the connection ends (Ctrl-C ends the process).
    private func stream() -> Outcome {
        while true {
            do {
                let message = try executor.nextPushed()
                output.write(formatter.format(message, verbatim: false), to: .stdout)
            } catch {
                output.report(error)
                return .failed
            }
        }
    }
}
