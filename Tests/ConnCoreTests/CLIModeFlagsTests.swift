import Testing
@testable import ConnCore

@Suite("redis-cli mode flags")
struct CLIModeFlagsTests {
    @Test("each mode flag", arguments: [
        ("--latency", RedisCLIMode.latency), ("--latency-history", .latencyHistory), ("--latency-dist", .latencyDist),
        ("--stat", .stat), ("--scan", .scan), ("--bigkeys", .bigkeys), ("--memkeys", .memkeys), ("--pipe", .pipe),
    ])
    func modes(_ flag: String, _ mode: RedisCLIMode) throws {
        #expect(try FlagParser.parse([flag]).options.cliMode.mode == mode)
    }

    @Test func modeOptions() throws {
        let flags = try FlagParser.parse(["--scan", "--pattern", "user:*", "--count", "500", "--pipe-timeout", "0",
                                          "--memkeys-samples", "7", "--eval", "s.lua", "k1", ",", "a1"])
        let options = flags.options.cliMode
        #expect(options.mode == .eval(file: "s.lua"))
        #expect(options.pattern == Array("user:*".utf8) && options.quotedPattern == nil)
        #expect(options.count == 500 && options.pipeTimeout == 0 && options.memkeysSamples == 7)
        #expect(flags.options.command == ["k1", ",", "a1"])
    }

    @Test func memkeysSamplesImpliesMemkeysAndQuotedPatternReplacesPattern() throws {
        #expect(try FlagParser.parse(["--memkeys-samples", "3"]).options.cliMode.mode == .memkeys)
        let options = try FlagParser.parse(["--pattern", "a*", "--quoted-pattern", #""b\x00*""#]).options.cliMode
        #expect(options.pattern == nil && options.quotedPattern == #""b\x00*""#)
        #expect(CLIModeOptions().pipeTimeout == 30)
    }

    @Test func badValuesAreUsageErrors() {
        for arguments in [["--count", "0"], ["--count", "x"], ["--pipe-timeout", "-1"], ["--eval", ""], ["--eval"]] {
            #expect(throws: ConsoleError.self, "\(arguments)") { try FlagParser.parse(arguments) }
        }
    }
}
