import ConnCore
import Testing
@testable import ConsoleUI

@Suite("--bigkeys / --memkeys tallies")
struct KeyspaceTallyTests {
    /// redis-cli 7.0.15's summary layout (the integration tests compare real runs byte for byte).
    static let recordedSummary = """

        -------- summary -------

        Sampled 4 keys in the keyspace!
        Total key length in bytes is 13 (avg len 3.25)

        Biggest   list found '"list1"' has 3 items
        Biggest string found '"sp ace"' has 24 bytes

        1 lists with 3 items (25.00% of keys, avg size 3.00)
        0 hashs with 0 fields (00.00% of keys, avg size 0.00)
        3 strings with 33 bytes (75.00% of keys, avg size 11.00)
        0 streams with 0 entries (00.00% of keys, avg size 0.00)
        0 sets with 0 members (00.00% of keys, avg size 0.00)
        0 zsets with 0 members (00.00% of keys, avg size 0.00)

        """

    @Test func foundSoFarLinesAndSummaryAsRedisCLI() {
        var tally = KeyspaceTally(measure: .elements)
        var lines: [String] = []
        for (key, type, size) in [("a", "string", 3), ("list1", "list", 3), ("sp ace", "string", 24), ("b", "string", 6)] {
            if let line = tally.add(key: Array(key.utf8), type: type, size: Int64(size), percent: 0) { lines.append(line) }
        }
        #expect(lines == ["[00.00%] Biggest string found so far '\"a\"' with 3 bytes\n",
                          "[00.00%] Biggest list   found so far '\"list1\"' with 3 items\n",
                          "[00.00%] Biggest string found so far '\"sp ace\"' with 24 bytes\n"])
        #expect(tally.summary() == Self.recordedSummary)
    }

    @Test func memkeysCountsBytesAndAsksMemoryUsage() {
        var tally = KeyspaceTally(measure: .memory(samples: 5))
        #expect(tally.sizeCommand(forKey: Array("k".utf8), type: "hash")?.map { String(decoding: $0, as: UTF8.self) }
                == ["MEMORY", "USAGE", "k", "SAMPLES", "5"])
        _ = tally.add(key: Array("h".utf8), type: "hash", size: 80, percent: 12.5)
        #expect(tally.summary().contains("Biggest   hash found '\"h\"' has 80 bytes\n"))
        #expect(tally.summary().contains("1 hashs with 80 bytes (100.00% of keys, avg size 80.00)\n"))
    }

    @Test func binaryKeysAreQuotedAndModuleTypesTallied() {
        var tally = KeyspaceTally(measure: .elements)
        #expect(tally.sizeCommand(forKey: [0], type: "ReJSON-RL") == nil)
        let line = tally.add(key: [0x00, 0xff, 0x22], type: "ReJSON-RL", size: 1, percent: 50)
        #expect(line == "[50.00%] Biggest ReJSON-RL found so far '\"\\x00\\xff\\\"\"' with 1 units\n")
        #expect(tally.summary().hasSuffix("1 ReJSON-RLs with 1 units (100.00% of keys, avg size 1.00)\n"))
    }

    @Test func driverSkipsVanishedKeysAndWarnsOnChangedTypes() {
        let output = CapturedOutput()
        let executor = ScriptedExecutor { argv in
            switch argv[0] {
            case "DBSIZE": return .integer(3)
            case "SCAN": return .array([.bulk("0"), .array([.bulk("gone"), .bulk("s"), .bulk("l")])])
            case "TYPE": return argv[1] == "gone" ? .simple("none") : argv[1] == "s" ? .simple("string") : .simple("list")
            case "STRLEN": return .integer(5)
            default: return .errorText("WRONGTYPE Operation against a key holding the wrong kind of value")
            }
        }
        let mode = KeyspaceMode(executor: executor, measure: .elements, pattern: Array("*".utf8), count: 10,
                                output: output, interval: 0, sleep: { _ in })
        #expect(mode.run() == 0)
        #expect(executor.commands.first { $0[0] == "SCAN" } == ["SCAN", "0", "MATCH", "*", "COUNT", "10"])
        #expect(output.text.hasPrefix(KeyspaceTally.banner + "[00.00%] Biggest string found so far '\"s\"' with 5 bytes\n"))
        #expect(output.text.contains("Sampled 2 keys in the keyspace!"))
        #expect(output.errorText == "Warning:  LLEN on 'l' failed (may have changed type)\n")
    }

    @Test func ctrlCStopsTheScanAndStillSummarises() {
        let output = CapturedOutput()
        let executor = ScriptedExecutor { argv in
            switch argv[0] {
            case "DBSIZE": return .integer(4)
            case "SCAN": return .array([.bulk(argv[1] == "0" ? "5" : "0"), .array([.bulk("k" + argv[1]), .bulk("j" + argv[1])])])
            case "TYPE": return .simple("string")
            default: return .integer(1)
            }
        }
        var batches = 0
        let mode = KeyspaceMode(executor: executor, measure: .elements, pattern: nil, count: nil, output: output,
                                interval: 0, sleep: { _ in }, stopRequested: { batches += 1; return batches >= 2 })
        #expect(mode.run() == 0)
        #expect(output.text.contains("-------- summary -------\n\n[50.00%] Sampled 4 keys in the keyspace!\n"), "\(output.text)")
    }
}
