import Testing
@testable import ConsoleUI

/// redis-cli 7.0.15's prompt and slow-command line, character for character.
struct PromptFormatterTests {
    @Test(arguments: [
        ("127.0.0.1", 6379, 0, false, true, "127.0.0.1:6379> "),
        ("127.0.0.1", 6379, 2, false, true, "127.0.0.1:6379[2]> "),
        ("127.0.0.1", 6379, 0, true, true, "127.0.0.1:6379(TX)> "),
        ("127.0.0.1", 6379, 2, true, true, "127.0.0.1:6379[2](TX)> "),
        ("::1", 6379, 0, false, true, "[::1]:6379> "),
        ("fe80::1%eth0", 6380, 15, false, true, "[fe80::1%eth0]:6380[15]> "),
        ("redis.example.com", 6380, 0, false, true, "redis.example.com:6380> "),
        ("127.0.0.1", 6379, 2, true, false, "not connected> "),
    ])
    func matchesRedisCLI(_ host: String, _ port: Int, _ database: Int, _ inTransaction: Bool, _ connected: Bool, _ expected: String) {
        #expect(PromptFormatter.prompt(host: host, port: port, database: database, inTransaction: inTransaction,
                                       connected: connected) == expected)
    }

    @Test(arguments: [
        (0.0, nil), (0.4999, nil), (0.4999999, nil), (0.5, "(0.50s)"), (0.5009, "(0.50s)"), (0.505, "(0.51s)"),
        (0.515, "(0.52s)"), (1.005, "(1.00s)"), (1.0, "(1.00s)"), (1.2345, "(1.23s)"), (12.999, "(13.00s)"), (125.5, "(125.50s)"),
        (Double.nan, nil), (Double.infinity, nil), (-1.0, nil),
    ] as [(Double, String?)])
    func slowCommandsGetRedisCLIsTiming(_ seconds: Double, _ expected: String?) {
        #expect(SlowCommandTiming.suffix(seconds: seconds) == expected)
    }

    @Test func timingIsPrintedOnlyInFormattedOutput() {
        #expect(SlowCommandTiming.applies(to: .tty))
        for style in [ReplyStyle.raw, .csv, .json, .quotedJSON] { #expect(!SlowCommandTiming.applies(to: style)) }
    }
}
