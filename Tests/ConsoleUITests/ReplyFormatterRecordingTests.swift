import ConnCore
import ConsoleUI
import Testing

/// Every recorded reply, in every style, must come out byte for byte as redis-cli printed it.
@Suite struct ReplyFormatterRecordingTests {
    static let styles: [ReplyStyle] = [.tty, .raw, .csv, .json, .quotedJSON]

    @Test(arguments: RedisCLIRecordings.cases)
    func everyStyle(_ recorded: ReplyCase) {
        for style in Self.styles {
            let got = ReplyFormatter(style: style).format(recorded.reply, verbatim: false)
            let want = recorded.expected(style)
            #expect(got == want, "\(style): got \(show(got)), want \(show(want))")
        }
    }

    /// Verbatim commands print the raw form, without a trailing delimiter, whatever the style.
    @Test(arguments: RedisCLIRecordings.cases)
    func verbatimInEveryStyle(_ recorded: ReplyCase) {
        for style in Self.styles {
            let got = ReplyFormatter(style: style).format(recorded.reply, verbatim: true)
            #expect(got == recorded.verbatim, "\(style): got \(show(got)), want \(show(recorded.verbatim))")
        }
    }

    /// `-e`: top-level errors go to stderr (bare text, cut at NUL) and exit 1, in every style;
    /// everything else is printed to stdout exactly as without `-e`.
    @Test(arguments: RedisCLIRecordings.cases)
    func exitOnError(_ recorded: ReplyCase) {
        for style in Self.styles {
            let formatter = ReplyFormatter(style: style)
            let output = formatter.output(for: recorded.reply, verbatim: false, exitOnError: true)
            if let stderr = recorded.exitOnErrorStderr {
                #expect(output == ReplyOutput(bytes: stderr, destination: .stderr, exitsWithFailure: true))
                #expect(formatter.destination(for: recorded.reply, exitOnError: true) == .stderr)
            } else {
                #expect(output == ReplyOutput(bytes: recorded.expected(style), destination: .stdout,
                                              exitsWithFailure: false))
                #expect(formatter.destination(for: recorded.reply, exitOnError: true) == .stdout)
            }
            // Without -e (and always in the REPL) errors are ordinary stdout output.
            #expect(formatter.destination(for: recorded.reply, exitOnError: false) == .stdout)
            #expect(formatter.output(for: recorded.reply, verbatim: false, exitOnError: false)
                    == ReplyOutput(bytes: recorded.expected(style), destination: .stdout, exitsWithFailure: false))
        }
    }
}
