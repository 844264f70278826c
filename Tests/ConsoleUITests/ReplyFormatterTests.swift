import ConnCore
import ConsoleUI
import Testing

/// Focused checks of single rules; the full byte-for-byte matrix is ReplyFormatterRecordingTests.
@Suite struct ReplyFormatterTests {
    private func format(_ reply: RESPValue, _ style: ReplyStyle, verbatim: Bool = false) -> [UInt8] {
        ReplyFormatter(style: style).format(reply, verbatim: verbatim)
    }

    /// One byte of each class inside a bulk string, as redis-cli 7.0.15 printed it
    /// (tty/CSV share `sdscatrepr`; JSON has its own table; quoted JSON doubles repr's backslashes).
    @Test(arguments: [
        // byte, tty & csv, json, quoted json
        (UInt8(0x5c), #"\\"#, #"\\"#, #"\\\\"#),
        (0x22, #"\""#, #"\""#, #"\\""#),
        (0x0a, #"\n"#, #"\n"#, #"\\n"#),
        (0x0d, #"\r"#, #"\r"#, #"\\r"#),
        (0x09, #"\t"#, #"\t"#, #"\\t"#),
        (0x07, #"\a"#, #"\u0007"#, #"\\a"#),
        (0x08, #"\b"#, #"\b"#, #"\\b"#),
        (0x0c, #"\x0c"#, #"\f"#, #"\\x0c"#),
        (0x0b, #"\x0b"#, #"\u000b"#, #"\\x0b"#),
        (0x00, #"\x00"#, #"\u0000"#, #"\\x00"#),
        (0x1b, #"\x1b"#, #"\u001b"#, #"\\x1b"#),
        (0x1f, #"\x1f"#, #"\u001f"#, #"\\x1f"#),
        (0x20, " ", " ", " "),
        (0x27, "'", "'", "'"),
        (0x2f, "/", "/", "/"),
        (0x7e, "~", "~", "~"),
        (0x7f, #"\x7f"#, "\u{7f}", #"\\x7f"#),
        (0x80, #"\x80"#, "\u{80}", #"\\x80"#),
        (0xab, #"\xab"#, "\u{ab}", #"\\xab"#),
        (0xff, #"\xff"#, "\u{ff}", #"\\xff"#),
    ] as [(UInt8, String, String, String)])
    func escapingOfEachByteClass(byte: UInt8, repr: String, json: String, quotedJSON: String) {
        let reply = RESPValue.bulkString([0x61, byte, 0x62])  // a<byte>b
        #expect(format(reply, .tty) == b("\"a\(repr)b\"\n"))
        #expect(format(reply, .csv) == b("\"a\(repr)b\"\n"))
        #expect(format(reply, .json) == b("\"a\(json)b\"\n"))
        #expect(format(reply, .quotedJSON) == b("\"a\(quotedJSON)b\"\n"))
        #expect(format(reply, .raw) == [0x61, byte, 0x62, 0x0a])
    }

    /// `N) ` is right-aligned to the digits of the element count (recorded up to 1000).
    @Test(arguments: [(9, 1), (10, 2), (11, 2), (99, 2), (100, 3), (101, 3), (999, 3), (1000, 4)])
    func indexWidth(count: Int, width: Int) {
        let reply = RESPValue.array((0..<count).map { .integer(Int64($0)) })
        let lines = format(reply, .tty).split(separator: 0x0a, omittingEmptySubsequences: false)
        #expect(lines.count == count + 1)
        #expect(lines.last == [])
        let pad = String(repeating: " ", count: width - 1)
        #expect(Array(lines[0]) == b("\(pad)1) (integer) 0"))
        #expect(Array(lines[count - 1]) == b("\(count)) (integer) \(count - 1)"))
    }

    /// Nested arrays: the first element follows the parent's `N) `; later ones are indented by
    /// the parent's indent plus its index width + 2.
    @Test func nestedIndent() {
        let inner = RESPValue.array([.bulk("a"), .array([.bulk("b"), .null]), .integer(7)])
        let reply = RESPValue.array((0..<10).map { $0 == 9 ? inner : .simple("s\($0)") })
        let want = """
             1) s0
             2) s1
             3) s2
             4) s3
             5) s4
             6) s5
             7) s6
             8) s7
             9) s8
            10) 1) "a"
                2) 1) "b"
                   2) (nil)
                3) (integer) 7

            """
        #expect(format(reply, .tty) == b(want))
    }

    @Test func emptyArrayAndNilInEveryStyle() {
        let empty = RESPValue.array([])
        #expect(format(empty, .tty) == b("(empty array)\n"))
        #expect(format(empty, .raw) == b("\n"))
        #expect(format(empty, .csv) == b("\n"))
        #expect(format(empty, .json) == b("[]\n"))
        #expect(format(empty, .quotedJSON) == b("[]\n"))
        #expect(format(.null, .tty) == b("(nil)\n"))
        #expect(format(.null, .raw) == b("\n"))
        #expect(format(.null, .csv) == b("NULL\n"))
        #expect(format(.null, .json) == b("null\n"))
        #expect(format(.null, .quotedJSON) == b("null\n"))
    }

    /// Raw errors carry their own `\n` on top of the reply delimiter; tty errors are prefixed.
    @Test func errors() {
        let error = RESPValue.errorText("ERR unknown command 'x'")
        #expect(format(error, .tty) == b("(error) ERR unknown command 'x'\n"))
        #expect(format(error, .raw) == b("ERR unknown command 'x'\n\n"))
        #expect(format(error, .csv) == b("ERROR,\"ERR unknown command 'x'\"\n"))
        #expect(format(error, .json) == b("error:\"ERR unknown command 'x'\"\n"))
        #expect(format(error, .tty, verbatim: true) == b("ERR unknown command 'x'\n"))
    }

    /// INFO-style replies come out untouched: no quotes, no added newline, in every style.
    @Test func verbatimInfo() {
        let info = RESPValue.bulk("# Server\r\nredis_version:7.0.15\r\n")
        for style in [ReplyStyle.tty, .raw, .csv, .json, .quotedJSON] {
            #expect(format(info, style, verbatim: true) == b("# Server\r\nredis_version:7.0.15\r\n"))
        }
        #expect(format(info, .tty) == b("\"# Server\\r\\nredis_version:7.0.15\\r\\n\"\n"))
    }

    /// `-d` / `-D` (recorded: `redis-cli -d '<D>' -D '<R>'`): -d joins raw array elements
    /// (verbatim too), -D ends each raw reply but never a verbatim one; other styles ignore both.
    @Test func delimiters() {
        let formatter = ReplyFormatter(style: .raw, bulkDelimiter: b("<D>"), replyDelimiter: b("<R>"))
        let reply = RESPValue.array([.bulk("a"), .array([.bulk("b"), .bulk("c")]), .errorText("E x")])
        #expect(formatter.format(reply, verbatim: false) == b("a<D>b<D>c<D>E x\n<R>"))
        let nested = RESPValue.array([.bulk("a"), .array([.bulk("b"), .bulk("c")])])
        #expect(formatter.format(nested, verbatim: true) == b("a<D>b<D>c"))
        let tty = ReplyFormatter(style: .tty, bulkDelimiter: b("<D>"), replyDelimiter: b("<R>"))
        #expect(tty.format(reply, verbatim: false) == b("1) \"a\"\n2) 1) \"b\"\n   2) \"c\"\n3) (error) E x\n"))
        let csv = ReplyFormatter(style: .csv, bulkDelimiter: b("<D>"), replyDelimiter: b("<R>"))
        #expect(csv.format(reply, verbatim: false) == b("\"a\",\"b\",\"c\",ERROR,\"E x\"\n"))
    }

    @Test(arguments: [
        (OutputFormat.automatic, true, ReplyStyle.tty), (.automatic, false, .raw),
        (.raw, true, .raw), (.formatted, false, .tty), (.csv, true, .csv),
        (.json, false, .json), (.quotedJSON, true, .quotedJSON),
    ])
    func styleFromOutputFormat(format: OutputFormat, tty: Bool, style: ReplyStyle) {
        #expect(ReplyStyle(format, stdoutIsTTY: tty) == style)
    }
}
