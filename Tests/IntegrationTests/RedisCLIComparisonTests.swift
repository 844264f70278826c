import Foundation
import Testing
import TestSupport

/// End to end: the built `redis-console` binary and `redis-cli` run the same command lines
/// against the same TLS redis-server, and must print the same bytes and exit with the same
/// status, in every output mode. A difference is reported with both outputs in hex.
///
/// Deliberately absent: `CLIENT GETNAME` / `CLIENT INFO` / `CLIENT LIST` (redis-console names
/// its connection `redis-console` during the handshake, and ids and addresses differ per
/// connection anyway), and INFO sections other than keyspace (their counters move between two
/// calls). The tests share one seeded server and run in parallel; none adds or removes a key.
@Suite("redis-console prints what redis-cli prints", .sharedComparisonServer)
struct RedisCLIComparisonTests {
    /// Every reply type: status, error (WRONGTYPE, arity, unknown command), integer, bulk with
    /// each byte class, empty bulk, nil, empty array, flat and nested arrays (index widths 1 and
    /// 2, nesting under a wide parent, errors/nil/status inside arrays), verbatim INFO.
    /// Each command either only reads or rewrites what is already there.
    static let corpus: [[String]] = [
        // status
        ["PING"],
        ["SET", "str", "hello"],
        ["EVAL", "return redis.status_reply('FINE')", "0"],
        // bulk strings
        ["PING", "hello world"],
        ["ECHO", "tab\there\nnew line \"quoted\" back\\slash \u{07}\u{08}\u{0b}\u{0c}\u{1b}\u{7f} é € ✓"],
        ["ECHO", ""],
        ["GET", "str"],
        ["GET", "binary"],
        ["GET", "empty"],
        ["GET", "spaced"],
        ["SET", "str", "hello", "GET"],
        ["HGET", "hash", "f3"],
        ["ZSCORE", "zs", "two"],
        ["OBJECT", "ENCODING", "list12"],
        ["TYPE", "str"],
        ["TYPE", "hash"],
        ["TYPE", "zs"],
        ["TYPE", "missing"],
        ["EVAL", "return string.char(0, 1, 9, 10, 13, 34, 92, 127, 128, 255) .. 'tail'", "0"],
        // nil
        ["GET", "missing"],
        ["LPOS", "list", "nope"],
        // integers
        ["INCRBY", "num", "0"],
        ["STRLEN", "binary"],
        ["EXISTS", "str", "missing"],
        ["DBSIZE"],
        ["TTL", "str"],
        ["TTL", "missing"],
        ["EVAL", "return -7", "0"],
        // errors
        ["LPUSH", "str", "x"],
        ["GET"],
        ["NOSUCHCOMMAND", "a", "b c"],
        ["EVAL", "return redis.error_reply('MYERR custom message')", "0"],
        // empty arrays
        ["LRANGE", "missing", "0", "-1"],
        ["ZRANGE", "missing", "0", "-1"],
        // arrays
        ["LRANGE", "list", "0", "-1"],
        ["LRANGE", "list12", "0", "-1"],
        ["MGET", "str", "missing", "binary", "empty"],
        ["HGETALL", "hash"],
        ["HMGET", "hash", "f1", "nope", "f2"],
        ["SMEMBERS", "oneset"],
        ["ZRANGE", "zs", "0", "-1", "WITHSCORES"],
        ["CONFIG", "GET", "maxmemory-policy"],
        ["SCAN", "0", "COUNT", "1000"],
        // nested arrays
        ["EVAL", "return {1,'a',{2,{3,'x'}},redis.error_reply('boom')}", "0"],
        ["EVAL", "local t = {} for i = 1, 12 do t[i] = i end return t", "0"],
        ["EVAL", "return {'a',{1,2,3,4,5,6,7,8,9,10},{{}},'b'}", "0"],
        ["EVAL", "local t = {} for i = 1, 11 do t[i] = {i, 'v' .. i} end return t", "0"],
        ["EVAL", "return {1,{},false,'x'}", "0"],
        ["EVAL", "return {redis.status_reply('S'), redis.call('GET', 'binary'), {redis.error_reply('E inner')}}", "0"],
        // verbatim (printed raw in every mode); keyspace is stable between two calls
        ["INFO", "keyspace"],
        ["info", "KEYSPACE"],
    ]

    /// Replies whose type differs between RESP2 and RESP3. redis-cli 7.0.15's `--json` and
    /// `--quoted-json` say `HELLO 3`, so it prints maps as objects (`{"f1":"v1"}`), doubles as
    /// numbers (`2.5`, `[["one",1]]`); redis-console decodes RESP2 only (hiredis 0.14) and prints
    /// the flat RESP2 arrays and strings. DESIGN.md section 6 plans a RESP3 decoder in ConnCore.
    /// Recorded as known issues: the test fails as soon as these start to match, so the list
    /// gets emptied then.
    static let knownRESP3Differences: [[String]] = [
        ["ZSCORE", "zs", "two"],
        ["HGETALL", "hash"],
        ["ZRANGE", "zs", "0", "-1", "WITHSCORES"],
        ["CONFIG", "GET", "maxmemory-policy"],
    ]

    @Test("the corpus, one command per process", arguments: OutputMode.allCases)
    func corpusMatchesRedisCLI(mode: OutputMode) throws {
        let server = try SharedComparisonServer.require()
        var differing: [String] = []
        for arguments in Self.corpus {
            let cli = try server.run(.redisCLI, arguments, mode: mode)
            let console = try server.run(.redisConsole, arguments, mode: mode)
            if mode.isJSON && Self.knownRESP3Differences.contains(arguments) {
                withKnownIssue("redis-cli --json speaks RESP3; redis-console has no RESP3 decoder yet") {
                    expectSameOutput(label(arguments, mode.rawValue), cli: cli, console: console)
                }
                continue
            }
            if !expectSameOutput(label(arguments, mode.rawValue), cli: cli, console: console) {
                differing.append(label(arguments))
            }
        }
        #expect(differing.isEmpty, "\(differing.count) of \(Self.corpus.count) commands differ in \(mode.rawValue) mode: \(differing)")
    }

    /// The corpus as lines on stdin with no command: redis-cli's REPL quoting, blank lines,
    /// `N CMD` repeats, invalid lines, and `quit` (nothing after it runs).
    static var pipedLines: [String] {
        Self.corpus.map { $0.map(redisCLIQuoted).joined(separator: " ") } + [
            "",
            "   ",
            "3 INCRBY num 0",
            "0 PING",
            #"SET pipedbin "\x00\xff\r\n\"'""#,
            "GET pipedbin",
            "set single 'it\\'s \\n not an escape'",
            "get single",
            "  ECHO   unquoted\tseparated  ",
            #"ECHO "unterminated"#,
            #"ECHO "closing"quote"#,
            "ECHO 'a' 'b'",
            "get str\r",
            "quit",
            "SET after-quit never",
        ]
    }

    @Test("the corpus piped into stdin", arguments: [false, true])
    func pipedCorpusMatchesRedisCLI(stdoutIsTerminal: Bool) throws {
        let server = try SharedComparisonServer.require()
        let input = Array((Self.pipedLines.joined(separator: "\n") + "\n").utf8)
        let mode: OutputMode = stdoutIsTerminal ? .tty : .raw
        // Each client gets the same starting state: the lines only rewrite existing values
        // (or create the same keys with the same values), so run them in turn.
        let cli = try server.run(.redisCLI, [], mode: mode, stdin: input)
        let console = try server.run(.redisConsole, [], mode: mode, stdin: input)
        expectSameOutput("\(Self.pipedLines.count) piped lines [\(mode.rawValue)]", cli: cli, console: console)
        #expect(cli.stdout.contains("hello"), "the corpus did run: \(cli.stdout)")
        let afterQuit = try server.run(.redisCLI, ["EXISTS", "after-quit"])
        #expect(afterQuit.stdout == "0\n", "a line after quit was run")
    }

    @Test("-r repeats (and -i waits)", arguments: [OutputMode.raw, .tty])
    func repeatCountMatchesRedisCLI(mode: OutputMode) throws {
        let server = try SharedComparisonServer.require()
        let counter = "counter:\(mode.rawValue)"  // one per test case: the cases run in parallel
        for arguments in [["-r", "3", "INCR", counter], ["-r", "2", "-i", "0.05", "ECHO", "again"]] {
            var results: [Client: ProcessResult] = [:]
            for client in Client.allCases {
                try server.load(["SET \(counter) 0"])
                results[client] = try server.run(client, arguments, mode: mode)
            }
            expectSameOutput(label(arguments, mode.rawValue), cli: results[.redisCLI]!, console: results[.redisConsole]!)
            if arguments.contains("INCR") {
                let stored = try server.run(.redisCLI, ["GET", counter])
                #expect(stored.stdout == "3\n", "redis-console's -r 3 INCR left \(counter) at \(stored.stdout)")
            }
        }
    }

    @Test("-e: an error reply goes to stderr and exits 1", arguments: [OutputMode.raw, .tty, .csv])
    func exitOnErrorMatchesRedisCLI(mode: OutputMode) throws {
        let server = try SharedComparisonServer.require()
        let cases: [(arguments: [String], status: Int32)] = [
            (["-e", "LPUSH", "str", "x"], 1),
            (["-e", "NOSUCHCOMMAND"], 1),
            (["-e", "GET", "str"], 0),
            // Only a top-level error counts.
            (["-e", "EVAL", "return {redis.error_reply('inner')}", "0"], 0),
            // Without -e an error reply is printed and the status stays 0.
            (["LPUSH", "str", "x"], 0),
        ]
        for (arguments, status) in cases {
            let cli = try server.run(.redisCLI, arguments, mode: mode)
            let console = try server.run(.redisConsole, arguments, mode: mode)
            expectSameOutput(label(arguments, mode.rawValue), cli: cli, console: console)
            #expect(console.status == status, "\(label(arguments, mode.rawValue)): exit \(console.status)")
        }
        let raw = try server.run(.redisConsole, ["-e", "LPUSH", "str", "x"])
        #expect(raw.stdoutBytes.isEmpty)
        #expect(raw.stderr.hasPrefix("WRONGTYPE"), "\(raw.stderr)")
    }

    /// -x: the whole of stdin, every byte value and a trailing newline included, becomes the
    /// last argument.
    @Test("-x reads the last argument from stdin")
    func lastArgumentFromStdinMatchesRedisCLI() throws {
        let server = try SharedComparisonServer.require()
        let value = Array(0...255).map(UInt8.init) + Array("\r\nlast line\n".utf8)

        for client in Client.allCases {
            try server.load(["SET xkey placeholder"])
            let set = try server.run(client, ["-x", "SET", "xkey"], stdin: value)
            #expect(set.stdout == "OK\n" && set.status == 0, "\(client.rawValue) -x SET: \(set.stdout)\(set.stderr)")
            // Read back with redis-cli, raw: the value and the reply's newline.
            let get = try server.run(.redisCLI, ["GET", "xkey"])
            #expect(get.stdoutBytes == value + [0x0a],
                    "\(client.rawValue) -x SET stored:\n\(Bytes.diff(value + [0x0a], get.stdoutBytes, expectedName: "sent", actualName: "stored"))")
        }

        for mode in [OutputMode.raw, .tty, .csv, .noRaw] {
            for arguments in [["-x", "ECHO"], ["-x", "SET", "xkey"], ["GET", "xkey"]] {
                let input = arguments[0] == "-x" ? value : nil
                let cli = try server.run(.redisCLI, arguments, mode: mode, stdin: input)
                let console = try server.run(.redisConsole, arguments, mode: mode, stdin: input)
                expectSameOutput(label(arguments, mode.rawValue), cli: cli, console: console)
            }
        }
    }
}
