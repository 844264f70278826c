import Foundation
import Testing
import TestSupport

/// Every type, sizes that make several "found so far" lines, more keys than one SCAN batch,
/// a key with a space and a binary key.
let modesSeed: [String] = [
    #"EVAL "for i = 1, 40 do redis.call('SET', 'str:' .. i, string.rep('x', i)) end" 0"#,
    #"EVAL "for i = 1, 6 do for j = 1, i * 3 do redis.call('RPUSH', 'list:' .. i, j) end end" 0"#,
    #"EVAL "for i = 1, 5 do for j = 1, i do redis.call('HSET', 'hash:' .. i, 'f' .. j, j) end end" 0"#,
    #"EVAL "for i = 1, 4 do for j = 1, i * 2 do redis.call('SADD', 'set:' .. i, j) end end" 0"#,
    #"EVAL "for i = 1, 3 do for j = 1, i do redis.call('ZADD', 'zset:' .. i, j, 'm' .. j) end end" 0"#,
    #"XADD stream:1 1-1 a 1"#,
    #"XADD stream:1 1-2 a 2"#,
    #"SET "two words" value"#,
    #"SET "bin\x00\xff\n" value"#,
    #"SET pipe:a 0"#,
    #"SET pipe:b 0"#,
]

/// redis-cli's modes, the built binary beside redis-cli 7.0.15 against one seeded TLS server:
/// byte for byte where redis-cli is deterministic (`--scan`, `--bigkeys`, `--memkeys`, `--pipe`,
/// `--eval`), by shape where timing decides the numbers (`--latency`, `--stat`). Serialized: the
/// --pipe cases write (the same keys, with the same values, for both clients).
@Suite("redis-cli's modes print what redis-cli prints", .serialized, .sharedComparisonServer(seed: modesSeed))
struct RedisCLIModesComparisonTests {
    static func run(_ client: Client, _ arguments: [String], mode: OutputMode = .raw,
                    stdin: [UInt8]? = nil) throws -> ProcessResult {
        try SharedComparisonServer.require().run(client, arguments, mode: mode, stdin: stdin)
    }

    static func compare(_ arguments: [String], modes: [OutputMode], stdin: [UInt8]? = nil) throws {
        for mode in modes {
            let cli = try run(.redisCLI, arguments, mode: mode, stdin: stdin)
            let console = try run(.redisConsole, arguments, mode: mode, stdin: stdin)
            expectSameOutput(label(arguments, mode.rawValue), cli: cli, console: console)
        }
    }

    @Test func scanMatchesRedisCLI() throws {
        try Self.compare(["--scan"], modes: [.tty])
        try Self.compare(["--scan", "--pattern", "*:1*"], modes: [.raw, .tty, .csv])
        try Self.compare(["--scan", "--quoted-pattern", #""bin\x00*""#], modes: [.tty])
        try Self.compare(["--scan", "--quoted-pattern", #""two\x20w*""#], modes: [.raw, .tty])
        let all = try Self.run(.redisCLI, ["--scan"])
        #expect(all.stdout.split(separator: "\n").count == 63, "\(all.stdout)")
    }

    /// redis-cli prints raw keys with printf("%s"), so a key stops at its first NUL byte
    /// (`bin\x00\xff\n` comes out as `bin`); redis-console prints every byte of it.
    @Test func scanPrintsBinaryKeysWhole() throws {
        for mode in [OutputMode.raw, .csv] {
            let cli = try Self.run(.redisCLI, ["--scan"], mode: mode)
            let console = try Self.run(.redisConsole, ["--scan"], mode: mode)
            let truncated = console.stdoutBytes.split(separator: 0x0a, omittingEmptySubsequences: false).map { line in
                line.firstIndex(of: 0).map { Array(line[..<$0]) } ?? Array(line)
            }
            // The key's own newline makes one more (empty) line than redis-cli prints.
            let expected = cli.stdoutBytes.split(separator: 0x0a, omittingEmptySubsequences: false).map(Array.init)
            #expect(truncated.filter { !$0.isEmpty } == expected.filter { !$0.isEmpty })
            let key: [UInt8] = Array("bin".utf8) + [0x00, 0xff, 0x0a, 0x0a]
            #expect(console.stdoutBytes.indices.contains { console.stdoutBytes[$0...].starts(with: key) }, "\(mode)")
        }
    }

    /// redis-cli 7.0 has no --count (7.2 added it): the key set must be the same as without it.
    @Test func scanWithCountFindsTheSameKeys() throws {
        let cli = try Self.run(.redisCLI, ["--scan", "--pattern", "str:*"])
        for count in ["1", "7", "1000"] {
            let console = try Self.run(.redisConsole, ["--scan", "--pattern", "str:*", "--count", count])
            #expect(console.status == 0)
            #expect(Set(console.stdout.split(separator: "\n")) == Set(cli.stdout.split(separator: "\n")), "--count \(count)")
            #expect(console.stdout.split(separator: "\n").count == 40)
        }
    }

    @Test func bigkeysAndMemkeysMatchRedisCLI() throws {
        try Self.compare(["--bigkeys"], modes: [.raw, .tty])
        try Self.compare(["--bigkeys", "--pattern", "*:1*"], modes: [.raw])
        try Self.compare(["--memkeys"], modes: [.raw])
        try Self.compare(["--memkeys-samples", "2"], modes: [.raw])
        let console = try Self.run(.redisConsole, ["--bigkeys"])
        #expect(console.stdout.contains("Biggest   list found '\"list:6\"' has 18 items\n"), "\(console.stdout)")
        #expect(console.stdout.contains("Sampled 63 keys in the keyspace!\n"))
    }

    @Test func pipeCountsMatchRedisCLI() throws {
        let input = Array(("*3\r\n$3\r\nSET\r\n$6\r\npipe:a\r\n$1\r\n1\r\n" + "INCR pipe:a\r\n" + "FOOBAR x\r\n"
                           + "INCR pipe:b\r\n" + "GET pipe:a\r\n" + "NOTACOMMAND\r\n").utf8)
        try Self.compare(["--pipe"], modes: [.raw], stdin: input)
        try Self.compare(["--pipe"], modes: [.raw], stdin: [])
        let console = try Self.run(.redisConsole, ["--pipe"], stdin: input)
        #expect(console.stdout.hasSuffix("errors: 2, replies: 6\n") && console.status == 1, "\(console.stdout)")
        // Enough data that replies arrive while stdin is still being sent.
        let bulk = Array(String(repeating: "SET pipe:b 7\r\n", count: 30_000).utf8)
        let cli = try Self.run(.redisCLI, ["--pipe"], stdin: bulk)
        let many = try Self.run(.redisConsole, ["--pipe", "--pipe-timeout", "5"], stdin: bulk)
        expectSameOutput("--pipe, 30000 commands", cli: cli, console: many)
        #expect(many.stdout.hasSuffix("errors: 0, replies: 30000\n"))
        // A reply that never comes in time: redis-cli's message on stderr, counted as an error.
        try Self.compare(["--pipe", "--pipe-timeout", "1"], modes: [.raw], stdin: Array("SET pipe:a 1\r\nBLPOP nolist 3\r\n".utf8))
    }

    @Test func evalMatchesRedisCLI() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("modes-\(UUID().uuidString).lua")
        try Data("return {KEYS[1], ARGV[1], #KEYS, #ARGV, redis.call('GET', KEYS[1])}".utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        try Self.compare(["--eval", script.path, "two words", "str:3", ",", "a1", ","], modes: [.raw, .tty, .csv])
        try Self.compare(["--eval", script.path], modes: [.raw])
        try Self.compare(["--eval", "/nonexistent/script.lua", "k"], modes: [.raw])
    }

    /// redis-cli's own format, as a pattern both outputs must match; redis-console may only
    /// append its percentiles.
    @Test("latency line shape off a terminal", arguments: [
        ([String](), #"\d+ \d+ \d+\.\d\d \d+\n"#, ""),
        (["--raw"], #"\d+ \d+ \d+\.\d\d \d+\n"#, ""),
        (["--csv"], #"\d+,\d+,\d+\.\d\d,\d+\n"#, ""),
        (["--json"], #"\{"min": \d+, "max": \d+, "avg": \d+\.\d\d, "count": \d+"#, #", "p50": \d+\.\d\d, "p99": \d+\.\d\d\}\n"#),
    ])
    func latencyShape(_ flags: [String], _ redisCLIPattern: String, _ addition: String) throws {
        let arguments = ["--latency", "-i", "0.2"] + flags
        let cli = try Self.run(.redisCLI, arguments)
        let console = try Self.run(.redisConsole, arguments)
        #expect(cli.status == 0 && console.status == 0)
        let cliPattern = addition.isEmpty ? redisCLIPattern : redisCLIPattern + #"\}\n"#
        #expect(cli.stdout.wholeMatch(of: try Regex(cliPattern)) != nil, "redis-cli: \(cli.stdout)")
        #expect(console.stdout.wholeMatch(of: try Regex(redisCLIPattern + addition)) != nil, "redis-console: \(console.stdout)")
    }

    @Test func latencyOnATerminalRedrawsRedisCLIsLine() throws {
        let server = try SharedComparisonServer.require()
        let clear = #"\x1b\[0G\x1b\[2K"#
        let redisCLILine = clear + #"min: \d+, max: \d+, avg: \d+\.\d\d \(\d+ samples\)"#
        let command = ShellQuote.command("redis-cli", server.connectionArguments + ["--latency"])
        let cli = try ProcessRunner.run("timeout", ["0.5", "script", "-qec", "exec " + command, "/dev/null"],
                                        environment: server.environment, timeout: .seconds(10))
        #expect(cli.stdout.prefixMatch(of: try Regex(redisCLILine + clear)) != nil, "redis-cli: \(cli.stdout)")
        let console = try TerminalRunner.run(server.binary, server.connectionArguments + ["--latency-history", "-i", "0.2", "-r", "2"],
                                             environment: server.environment)
        #expect(console.status == 0)
        let percentiles = #" p50: \d+\.\d\d p99: \d+\.\d\d"#
        let window = "(" + redisCLILine + percentiles + #")+ -- 0\.2\d seconds range\r\n"#
        #expect(console.stdout.wholeMatch(of: try Regex("(" + window + "){2}")) != nil, "redis-console: \(console.stdout)")
    }

    @Test func latencyDistLegendAndSpectrumMatchRedisCLI() throws {
        let server = try SharedComparisonServer.require()
        let command = ShellQuote.command("redis-cli", server.connectionArguments + ["--latency-dist", "-i", "0.3"])
        let cli = try ProcessRunner.run("timeout", ["0.8", "script", "-qec", "exec " + command, "/dev/null"],
                                        environment: server.environment, timeout: .seconds(10))
        let console = try TerminalRunner.run(server.binary, server.connectionArguments + ["--latency-dist", "-i", "0.3", "-r", "1"],
                                             environment: server.environment)
        #expect(console.status == 0)
        let cliLines = cli.stdout.components(separatedBy: "\r\n"), lines = console.stdout.components(separatedBy: "\r\n")
        #expect(cliLines.count > 9 && lines.count == 10, "redis-cli: \(cli.stdout)\nredis-console: \(console.stdout)")
        #expect(Array(lines.prefix(8)) == Array(cliLines.prefix(8)))
        let cell = #"\x1b\[48;5;\d+m."#
        let spectrum = #"\x1b\[38;5;0m("# + cell + #"){31}\x1b\[0m"#
        #expect(cliLines[8].wholeMatch(of: try Regex(spectrum)) != nil, "redis-cli: \(cliLines[8])")
        #expect(lines[8].wholeMatch(of: try Regex(spectrum + #" p50: \d+\.\d\d p99: \d+\.\d\d"#)) != nil, "\(lines[8])")
    }

    @Test func statHeaderAndColumnsMatchRedisCLI() throws {
        let server = try SharedComparisonServer.require()
        let cli = try ProcessRunner.run("timeout", ["0.7", "stdbuf", "-oL", "redis-cli"] + server.connectionArguments + ["--stat", "-i", "0.2"],
                                        environment: server.environment, timeout: .seconds(10))
        let console = try Self.run(.redisConsole, ["--stat", "-i", "0.2", "-r", "3"])
        #expect(console.status == 0)
        let cliLines = cli.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let lines = console.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 6 && lines.last == "", "\(console.stdout)")
        #expect(cliLines.count >= 4, "redis-cli: \(cli.stdout)")
        #expect(Array(lines.prefix(2)) == Array(cliLines.prefix(2)))
        let row = try Regex(#"\d+ +\d+(\.\d\d)?[BKMGTP] +\d+ +\d+ +\d+ \(\+\d+\) +\d+ +"#)
        for line in Array(cliLines[2..<(cliLines.count - 1)]) + Array(lines[2..<5]) {
            #expect(line.wholeMatch(of: row) != nil && line.count == 68, "row: '\(line)'")
        }
        #expect(lines[2].hasPrefix("63 ") && lines[2].contains("(+0)"))
    }
}
