import Testing
@testable import ConnCore

/// The load generator's pure parts: the mix, the rate pacer, the windowed tally, and the flags.
@Suite("Load generator rules")
struct LoadGeneratorRulesTests {
    // MARK: mix

    @Test func theSameSeedReplaysTheSameOperations() {
        var first = LoadMix(commands: [.get, .set, .incr], keys: 100, seed: 42)
        var second = LoadMix(commands: [.get, .set, .incr], keys: 100, seed: 42)
        var other = LoadMix(commands: [.get, .set, .incr], keys: 100, seed: 43)
        let sequence = first.next(50)
        #expect(sequence == second.next(50))
        #expect(sequence != other.next(50))
    }

    @Test func theMixIsEvenAndStaysInTheKeySpace() {
        var mix = LoadMix(commands: [.get, .set, .lpush, .ping], keys: 10, seed: 7)
        let operations = mix.next(40_000)
        var counts: [LoadCommand: Int] = [:]
        for operation in operations { counts[operation.command, default: 0] += 1 }
        #expect(counts.count == 4)
        for count in counts.values { #expect(abs(count - 10_000) < 500, "\(counts)") }
        #expect(Set(operations.map(\.key)) == Set(0..<10))
    }

    @Test func workersGetDifferentStreams() {
        var settings = LoadSettings()
        settings.seed = 9
        var zero = LoadMix.forWorker(0, of: settings), one = LoadMix.forWorker(1, of: settings)
        #expect(zero.next(20) != one.next(20))
    }

    @Test func commandsTouchOnlyKeysUnderTheLoadPrefix() {
        let value = Array("v".utf8)
        for command in LoadCommand.allCases where command != .ping {
            let key = String(decoding: command.argv(key: 3, value: value)[1], as: UTF8.self)
            #expect(key.hasPrefix(LoadKeys.prefix), "\(command): \(key)")
        }
        #expect(LoadCommand.set.argv(key: 3, value: value) == [Array("SET".utf8), Array("load:key:3".utf8), value])
        #expect(LoadCommand.hset.argv(key: 1, value: value).count == 4)
    }

    // MARK: pacer

    @Test func thePacerSpacesOperationsByCountOverRate() {
        var pacer = LoadPacer(rate: 100)
        #expect(pacer.reserve(1, now: 10) == 0)
        #expect(abs(pacer.reserve(1, now: 10) - 0.01) < 1e-9)
        #expect(abs(pacer.reserve(10, now: 10) - 0.02) < 1e-9)   // a pipeline of 10 takes 0.1 s of budget
        #expect(abs(pacer.reserve(1, now: 10) - 0.12) < 1e-9)
    }

    @Test func thePacerDoesNotBurstAfterAStall() {
        var pacer = LoadPacer(rate: 10)
        _ = pacer.reserve(1, now: 0)
        // Nobody asked for 5 s: the next slot is now, not 50 operations at once.
        #expect(pacer.reserve(1, now: 5) == 0)
        #expect(abs(pacer.reserve(1, now: 5) - 0.1) < 1e-9)
    }

    @Test func thePacerBoundsOperationsByRateTimesTime() {
        var pacer = LoadPacer(rate: 1_000)
        var sent = 0
        var now = 0.0
        // Eight workers asking as fast as possible for 2 s of simulated time.
        while now < 2 {
            let delay = pacer.reserve(1, now: now)
            if now + delay < 2 { sent += 1 }
            now += delay / 8 + 0.0001
        }
        #expect(sent <= 2_000 + 8)
        #expect(sent >= 1_900)
    }

    @Test func noRateMeansNoWait() {
        var pacer = LoadPacer(rate: nil)
        #expect((0..<100).allSatisfy { _ in pacer.reserve(10, now: 1) == 0 })
        #expect(LoadPacer(rate: 0).rate == nil)
    }

    // MARK: tally

    @Test func windowsCloseOnTheIntervalAndCountsAddUp() {
        var tally = LoadTally(start: 100, interval: 1)
        tally.recordReplies([.get, .set], seconds: 0.001, errorReplies: [], now: 100.2)
        tally.recordReplies([.get], seconds: 0.003, errorReplies: ["WRONGTYPE"], now: 100.9)
        var progress = tally.progress(now: 100.95, running: true)
        #expect(progress.window.index == -1 && progress.window.replies == 0)
        tally.recordReplies([.incr], seconds: 0.002, errorReplies: [], now: 101.1)
        tally.recordFailure("timeout", count: 2, now: 101.2)
        progress = tally.progress(now: 101.5, running: true)
        #expect(progress.window.index == 0 && progress.window.replies == 3 && progress.window.opsPerSecond == 3)
        #expect(progress.replies == 4)
        #expect(progress.perCommand == [.get: 2, .set: 1, .incr: 1])
        #expect(progress.errors == ["WRONGTYPE": 1, "timeout": 2] && progress.errorCount == 3)
        #expect(progress.latency.count == 4 && progress.latency.max == 0.003)
        #expect(abs(progress.opsPerSecond - 4 / 1.5) < 1e-9)
        // Window 1 held the INCR; nothing came in window 2.
        #expect(tally.progress(now: 102.1, running: true).window.replies == 1)
        #expect(tally.progress(now: 103.1, running: true).window == .init(index: 2, replies: 0, opsPerSecond: 0, latency: .empty))
    }

    // MARK: flags

    @Test func loadFlagsAreParsed() throws {
        let options = try FlagParser.parse([
            "--load", "--workers", "8", "--commands", "get, Set,INCR,get", "--keys", "20", "--value-size", "0",
            "--rate", "250.5", "--duration", "1.5", "--pipeline", "10",
        ]).options
        #expect(options.load)
        let load = options.loadSettings
        #expect(load.workers == 8 && load.keys == 20 && load.valueSize == 0 && load.pipeline == 10)
        #expect(load.commands == [.get, .set, .incr])
        #expect(load.rate == 250.5 && load.duration == 1.5)
        #expect(load.givenFlags == ["--workers", "--commands", "--keys", "--value-size", "--rate", "--duration", "--pipeline"])
    }

    @Test func badLoadValuesNameTheFlagAndTheFix() {
        let unknown = flagFailure(["--load", "--commands", "GET,FLUSHALL"])
        #expect(unknown?.message == "--commands: unknown command 'FLUSHALL'; the load generator knows GET,SET,INCR,LPUSH,RPOP,HGET,HSET,PING")
        #expect(unknown?.hint?.contains("--commands GET,SET") == true)
        #expect(flagFailure(["--commands", "GET,,SET"])?.message.contains("an empty command name") == true)
        #expect(flagFailure(["--workers", "0"])?.message == "--workers: '0' is not a whole number from 1 to 10000")
        #expect(flagFailure(["--rate", "-5"])?.message.contains("not a valid rate") == true)
        #expect(flagFailure(["--duration", "0"])?.message.contains("--duration: '0' is not a valid number of seconds") == true)
        #expect(flagFailure(["--pipeline", "x"])?.message.contains("--pipeline") == true)
        #expect(flagFailure(["--value-size", "99999999999"])?.message.contains("--value-size") == true)
        #expect(flagFailure(["--keys"])?.message == "option --keys needs a value")
    }

    @Test func loadFlagsWithoutLoadOrWithACommandAreRefused() {
        let alone = loadFailure(["--workers", "5"])
        #expect(alone?.message == "--workers only applies to the load generator")
        #expect(alone?.hint == "add --load to run it, or remove --workers")
        #expect(loadFailure(["--load", "GET", "x"])?.message.contains("takes no command") == true)
    }

    @Test func productionRefusesWritingLoadButAllowsReads() throws {
        let refused = loadFailure(["--profile", "production", "--tls", "--load", "--commands", "GET,SET,INCR"])
        #expect(refused?.kind == .configuration)
        #expect(refused?.message == "refused: the production profile does not allow the load generator to write (SET,INCR)")
        #expect(refused?.hint?.contains("--commands GET,HGET,PING") == true)
        #expect(loadFailure(["--profile", "production", "--tls", "--load"]) != nil, "the default mix writes")
        let reads = try loadConfig(["--profile", "production", "--tls", "--load", "--commands", "GET,HGET,PING"])
        #expect(reads.options.load)
    }

    @Test func showConfigListsLoadSettingsWithTheirSource() throws {
        let config = try loadConfig(["--load", "--workers", "7", "--rate", "100"])
        let lines = ConfigurationRenderer.render(config)
        #expect(lines.contains { $0.hasPrefix("load workers") && $0.hasSuffix("7  (flag --workers)") })
        #expect(lines.contains { $0.hasPrefix("load commands") && $0.hasSuffix("GET,SET  (default)") })
        #expect(lines.contains { $0.hasPrefix("load rate") && $0.contains("100 ops/s  (flag --rate)") })
        #expect(lines.contains { $0.hasPrefix("load keys") && $0.contains("(load:* only)") })
        #expect(!ConfigurationRenderer.render(try loadConfig([])).contains { $0.hasPrefix("load ") })
    }
}
