import ConnCore

/// How replies are printed; one case per redis-cli output mode.
public enum ReplyStyle: Sendable, Equatable {
    /// Formatted: stdout is a terminal, or `--no-raw`.
    case tty
    /// stdout is not a terminal, or `--raw`.
    case raw
    /// `--csv`
    case csv
    /// `--json` (over RESP2, i.e. redis-cli's `--json -2`)
    case json
    /// `--quoted-json` (over RESP2)
    case quotedJSON

    /// The style redis-cli picks for `format`: `.automatic` is formatted on a terminal and raw
    /// otherwise (redis-cli also honours a `FAKETTY` environment variable; the caller decides).
    public init(_ format: OutputFormat, stdoutIsTTY: Bool) {
        switch format {
        case .automatic: self = stdoutIsTTY ? .tty : .raw
        case .raw: self = .raw
        case .formatted: self = .tty
        case .csv: self = .csv
        case .json: self = .json
        case .quotedJSON: self = .quotedJSON
        }
    }
}

/// Which stream redis-cli writes a reply to.
public enum OutputDestination: Sendable, Equatable {
    case stdout
    case stderr
}

/// Everything redis-cli does with one reply: the bytes, where they go, and whether it then exits.
public struct ReplyOutput: Sendable, Equatable {
    public var bytes: [UInt8]
    public var destination: OutputDestination
    /// redis-cli exits with status 1 after writing (only `-e` with an error reply).
    public var exitsWithFailure: Bool

    public init(bytes: [UInt8], destination: OutputDestination, exitsWithFailure: Bool) {
        self.bytes = bytes
        self.destination = destination
        self.exitsWithFailure = exitsWithFailure
    }
}

/// Reproduces redis-cli 7.0.15's reply output byte for byte (redis-cli.c `cliFormatReply`).
///
/// Observed with redis-cli 7.0.15: every reply, error replies included, goes to stdout in every
/// mode and the exit status stays 0. The one exception is `-e` with a command given on the
/// command line: a top-level error reply is then written to stderr as its bare text plus `\n`
/// (no `(error) `, whatever the mode) and redis-cli exits 1 at once. `-e` is ignored in the
/// REPL / piped-stdin mode, and an error nested in an array never triggers it.
public struct ReplyFormatter: Sendable {
    public let style: ReplyStyle
    /// `-d`: separates array elements in raw and verbatim output.
    public let bulkDelimiter: [UInt8]
    /// `-D`: ends each reply in raw mode (never after a verbatim reply, never in other modes).
    public let replyDelimiter: [UInt8]

    public init(style: ReplyStyle, bulkDelimiter: [UInt8] = [0x0a], replyDelimiter: [UInt8] = [0x0a]) {
        self.style = style
        self.bulkDelimiter = bulkDelimiter
        self.replyDelimiter = replyDelimiter
    }

    /// The exact bytes redis-cli writes to stdout for this reply, trailing newline(s) included.
    /// `verbatim` is true for commands redis-cli prints verbatim (INFO, CLIENT LIST, ...): those
    /// use the raw form in every style, tty/CSV/JSON included, with no delimiter appended (so
    /// INFO's own `\r\n` ends the output, and a nil reply prints nothing at all).
    public func format(_ reply: RESPValue, verbatim: Bool) -> [UInt8] {
        let raw = RawFormatter(bulkDelimiter: bulkDelimiter)
        if verbatim { return raw.format(reply) }
        switch style {
        case .tty:
            return TTYFormatter.format(reply)
        case .raw:
            return raw.format(reply) + replyDelimiter
        case .csv:
            return CSVFormatter.format(reply) + [0x0a]
        case .json:
            return JSONFormatter(quoted: false).format(reply) + [0x0a]
        case .quotedJSON:
            return JSONFormatter(quoted: true).format(reply) + [0x0a]
        }
    }

    /// Where redis-cli writes `reply`. `exitOnError` is `-e` for a one-shot command (pass false
    /// in the REPL and for piped stdin, where redis-cli ignores `-e`).
    public func destination(for reply: RESPValue, exitOnError: Bool) -> OutputDestination {
        exitOnError && reply.isError ? .stderr : .stdout
    }

    /// `format` plus redis-cli's `-e` handling (see the type's documentation).
    public func output(for reply: RESPValue, verbatim: Bool, exitOnError: Bool) -> ReplyOutput {
        if exitOnError, case .error(let bytes) = reply {
            // fprintf(stderr, "%s\n", reply->str): cut at NUL, same in every style.
            return ReplyOutput(bytes: Array(ByteEscaping.cString(bytes)) + [0x0a],
                               destination: .stderr, exitsWithFailure: true)
        }
        return ReplyOutput(bytes: format(reply, verbatim: verbatim),
                           destination: .stdout, exitsWithFailure: false)
    }
}
