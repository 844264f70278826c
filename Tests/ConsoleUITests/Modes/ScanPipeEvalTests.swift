import ConnCore
import Testing
@testable import ConsoleUI

@Suite("--scan, --pipe and --eval decisions")
struct ScanPipeEvalTests {
    @Test func scanFollowsTheCursorAndQuotesOnATerminal() {
        let output = CapturedOutput()
        let executor = ScriptedExecutor { argv in
            argv[1] == "0" ? .array([.bulk("17"), .array([.bulk("a b"), .bulk("c")])])
                : .array([.bulk("0"), .array([.bulkString([0x01, 0x22])])])
        }
        let mode = ScanMode(executor: executor, pattern: nil, count: nil, style: .tty, output: output, interval: 0,
                            sleep: { _ in })
        #expect(mode.run() == 0)
        #expect(executor.commands == [["SCAN", "0"], ["SCAN", "17"]])
        #expect(output.text == "\"a b\"\n\"c\"\n\"\\x01\\\"\"\n")
        #expect(ScanMode.render([Array("a b".utf8)], style: .csv) == Array("a b\n".utf8))
    }

    @Test func scanErrorReply() {
        let output = CapturedOutput()
        let executor = ScriptedExecutor { _ in .errorText("ERR syntax error") }
        #expect(ScanMode(executor: executor, pattern: Array("x".utf8), count: 5, style: .raw, output: output,
                         interval: 0, sleep: { _ in }).run() == 1)
        #expect(executor.commands == [["SCAN", "0", "MATCH", "x", "COUNT", "5"]])
        #expect(output.text == "ERROR: ERR syntax error\n")
    }

    @Test func pipeCountsRepliesAndErrorsAndEndsOnTheMagicEcho() {
        let magic = Array("abcdefghijklmnopqrst".utf8)
        var tally = PipeTally(magic: magic)
        #expect(tally.echoCommand == Array("*2\r\n$4\r\nECHO\r\n$20\r\nabcdefghijklmnopqrst\r\n".utf8))
        _ = tally.received(.simple("OK"), allSent: false)
        // The magic before everything was sent is an ordinary reply.
        _ = tally.received(.bulkString(magic), allSent: false)
        let error = tally.received(.errorText("ERR unknown command 'FOOBAR'"), allSent: true)
        #expect(error.errorText == "ERR unknown command 'FOOBAR'\n")
        let last = tally.received(.bulkString(magic), allSent: true)
        #expect(last.finishedMessage == "Last reply received from server.\n" && tally.finished)
        #expect(tally.summary == "errors: 1, replies: 3\n" && tally.exitCode == 1)
    }

    @Test func pipeTimeoutIsAnError() {
        var tally = PipeTally(magic: Array(repeating: 0x41, count: 20))
        #expect(tally.timedOut(after: 30) == "No replies for 30 seconds: exiting.\n")
        #expect(tally.summary == "errors: 1, replies: 0\n" && tally.exitCode == 1)
        #expect(PipeTally(magic: []).exitCode == 0)
    }

    @Test func evalSplitsKeysFromArgumentsAtTheFirstComma() {
        func words(_ list: [String]) -> [String] {
            EvalCommand.argv(script: Array("return 1".utf8), words: list.map { Array($0.utf8) })
                .map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(words(["k1", "k2", ",", "a1", ",", "a2"]) == ["EVAL", "return 1", "2", "k1", "k2", "a1", ",", "a2"])
        #expect(words([]) == ["EVAL", "return 1", "0"])
        #expect(words([",", "a"]) == ["EVAL", "return 1", "0", "a"])
        #expect(words(["k,", "x"]) == ["EVAL", "return 1", "2", "k,", "x"])
    }
}
