import ConnCore
import Glibc

/// `--pipe`: stdin's raw RESP goes to the server on one connection of its own (never a pooled
/// one: the replies are not paired with requests), replies are counted as they arrive, and a
/// final ECHO tells when the server has answered everything. Nothing is ever re-sent: a failed
/// write ends the transfer with an error.
public final class PipeMode {
    private let connection: RedisConnection
    private let input: Int32
    private let output: OutputSink
    private let timeout: Double
    private var tally: PipeTally

    /// `timeout`: seconds without a reply, after everything was sent, before giving up; 0: never.
    public init(connection: RedisConnection, input: Int32 = STDIN_FILENO, output: OutputSink,
                timeout: Double, magic: [UInt8]? = nil) {
        self.connection = connection
        self.input = input
        self.output = output
        self.timeout = timeout
        self.tally = PipeTally(magic: magic ?? (0..<20).map { _ in UInt8.random(in: 0...255) })
    }

    public func run() -> Int32 {
        defer { connection.close() }
        do throws(ConsoleError) {
            try send()
            try awaitLastReply()
        } catch {
            output.write(Array("Error: \(error.description)\n".utf8), to: .stderr)
            return 1
        }
        output.write(Array(tally.summary.utf8), to: .stdout)
        return tally.exitCode
    }

    /// Stdin in chunks, draining whatever replies are ready between writes.
    private func send() throws(ConsoleError) {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let writeTimeout = max(timeout, connection.settings.operationTimeout, 30)
        while true {
            let count = Glibc.read(input, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count < 0 {
                throw ConsoleError(.io, "could not read stdin: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            try connection.sendRaw(Array(chunk[0..<count]), deadline: .after(seconds: writeTimeout))
            try consume(connection.receiveRaw(until: .now()), allSent: false)
        }
        try connection.sendRaw(tally.echoCommand, deadline: .after(seconds: writeTimeout))
        output.write(Array(PipeTally.transferredMessage.utf8), to: .stdout)
    }

    private func awaitLastReply() throws(ConsoleError) {
        var lastReply = Deadline.now()
        while !tally.finished {
            let slice = Deadline.after(seconds: timeout > 0 ? min(timeout, 0.5) : 0.5)
            let replies = try connection.receiveRaw(until: slice)
            if !replies.isEmpty {
                lastReply = .now()
                try consume(replies, allSent: true)
            } else if timeout > 0, Deadline.seconds(since: lastReply) >= timeout {
                output.write(Array(tally.timedOut(after: timeout).utf8), to: .stderr)
                return
            }
        }
    }

    private func consume(_ replies: [RESPValue], allSent: Bool) throws(ConsoleError) {
        for reply in replies {
            let outcome = tally.received(reply, allSent: allSent)
            if let text = outcome.errorText { output.write(Array(text.utf8), to: .stderr) }
            if let message = outcome.finishedMessage { output.write(Array(message.utf8), to: .stdout) }
        }
    }
}
