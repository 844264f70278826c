import ConnCore

/// `--pipe`'s bookkeeping, as redis-cli 7.0's `pipeMode` does it: every reply counts, error
/// replies also count as errors (their text goes to stderr), and the transfer ends when the
/// reply to the final `ECHO <20 random bytes>` arrives (that one is not counted). Pure.
public struct PipeTally: Sendable, Equatable {
    public let magic: [UInt8]
    public private(set) var replies: Int64 = 0
    public private(set) var errors: Int64 = 0
    public private(set) var finished = false

    public static let transferredMessage = "All data transferred. Waiting for the last reply...\n"
    public static let lastReplyMessage = "Last reply received from server.\n"

    /// `magic`: 20 bytes, random in production so no user reply can be taken for the end.
    public init(magic: [UInt8]) {
        self.magic = magic
    }

    /// The command sent after the user's data; its reply marks the end.
    public var echoCommand: [UInt8] { RESPEncoder.encode([Array("ECHO".utf8), magic]) }

    public struct Outcome: Sendable, Equatable {
        /// An error reply's text, for stderr.
        public var errorText: String?
        /// `Last reply received from server.`
        public var finishedMessage: String?
    }

    /// One reply; `allSent`: stdin reached its end and the ECHO was written.
    public mutating func received(_ reply: RESPValue, allSent: Bool) -> Outcome {
        var outcome = Outcome()
        switch reply {
        case .error(let text):
            errors += 1
            replies += 1
            outcome.errorText = String(decoding: text, as: UTF8.self) + "\n"
        case .bulkString(let bytes) where allSent && bytes == magic:
            finished = true
            outcome.finishedMessage = Self.lastReplyMessage
        default:
            replies += 1
        }
        return outcome
    }

    /// `No replies for 30 seconds: exiting.` counts as an error, as in redis-cli.
    public mutating func timedOut(after seconds: Double) -> String {
        errors += 1
        let shown = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        return "No replies for \(shown) seconds: exiting.\n"
    }

    public var summary: String { "errors: \(errors), replies: \(replies)\n" }

    /// redis-cli exits 1 when any error was seen.
    public var exitCode: Int32 { errors > 0 ? 1 : 0 }
}
