import ConnCore
import Testing
@testable import ConsoleUI

@Suite("--stat rows")
struct StatLineTests {
    static func info(commands: Int, memory: Int = 1_415_000, bgsave: Int = 0, aof: Int = 0, loading: Int = 0) -> String {
        """
        # Clients\r
        connected_clients:1\r
        blocked_clients:0\r
        # Memory\r
        used_memory:\(memory)\r
        used_memory_human:1.35M\r
        # Persistence\r
        loading:\(loading)\r
        async_loading:0\r
        bgsave_in_progress:\(bgsave)\r
        aof_rewrite_in_progress:\(aof)\r
        # Stats\r
        total_connections_received:28\r
        total_commands_processed:\(commands)\r
        # Keyspace\r
        db0:keys=11,expires=0,avg_ttl=0\r
        db3:keys=4,expires=1,avg_ttl=10\r

        """
    }

    /// Recorded from redis-cli 7.0.15 `--stat` against a server with the same figures.
    @Test func rowsMatchRedisCLIByteForByte() {
        var line = StatLine()
        let first = line.render(info: Self.info(commands: 682))
        #expect(first == StatLine.header + "15         1.35M    1       0       682 (+0)            28          \n")
        let second = line.render(info: Self.info(commands: 690))
        #expect(second == "15         1.35M    1       0       690 (+8)            28          \n")
    }

    @Test func headerEveryTwentyRows() {
        var line = StatLine()
        let rows = (0..<41).map { line.render(info: Self.info(commands: 100 + $0)) }
        #expect(rows.indices.filter { rows[$0].hasPrefix("-------") } == [0, 20, 40])
    }

    @Test("children column", arguments: [(1, 0, 0, "SAVE"), (0, 1, 0, "AOF"), (1, 1, 0, "SAVE+AOF"), (0, 0, 1, "LOAD")])
    func children(_ bgsave: Int, _ aof: Int, _ loading: Int, _ label: String) {
        var line = StatLine()
        _ = line.render(info: Self.info(commands: 1))
        #expect(line.render(info: Self.info(commands: 2, bgsave: bgsave, aof: aof, loading: loading)).hasSuffix("28          \(label)\n"))
    }

    @Test func bytesToHumanAsRedisCLI() {
        #expect(StatLine.bytesToHuman(1023) == "1023B")
        #expect(StatLine.bytesToHuman(1024) == "1.00K")
        #expect(StatLine.bytesToHuman(1_415_000) == "1.35M")
        #expect(StatLine.bytesToHuman(3 * 1024 * 1024 * 1024) == "3.00G")
        #expect(StatLine.bytesToHuman(-2048) == "-2.00K")
    }

    @Test func errorReplyPrintsErrorAndStops() {
        let output = CapturedOutput()
        let executor = ScriptedExecutor { _ in .errorText("NOPERM no INFO for you") }
        #expect(ServerStatMode(executor: executor, output: output, interval: 0, rows: nil, sleep: { _ in }).run() == 1)
        #expect(output.text == "ERROR: NOPERM no INFO for you\n")
    }

    @Test func rowsLimitStopsTheMode() {
        let output = CapturedOutput()
        var count = 0
        let executor = ScriptedExecutor { _ in
            count += 1
            return .bulk(Self.info(commands: count))
        }
        var slept: [Double] = []
        #expect(ServerStatMode(executor: executor, output: output, interval: 0, rows: 3, sleep: { slept.append($0) }).run() == 0)
        #expect(output.text.split(separator: "\n").count == 5)
        #expect(slept == [1, 1])
    }
}
