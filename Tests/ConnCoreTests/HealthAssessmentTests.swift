import Testing
@testable import ConnCore

private let mebibyte = 1024 * 1024

/// A master with nothing to report.
private func healthy(_ change: (inout ServerInfo) -> Void = { _ in }) -> ServerInfo {
    var info = ServerInfo()
    info.version = "7.0.15"
    info.role = "master"
    info.uptimeSeconds = 100
    info.usedMemory = 10 * mebibyte
    info.maxMemory = 0
    info.fragmentationRatio = 1.2
    info.loading = false
    info.rdbLastBackgroundSaveStatus = "ok"
    info.aofEnabled = false
    info.aofLastWriteStatus = "ok"
    info.aofLastRewriteStatus = "ok"
    info.rejectedConnections = 5
    info.evictedKeys = 0
    change(&info)
    return info
}

struct AssessmentCase: Sendable, CustomTestStringConvertible {
    var name: String
    var ping: PingOutcome = .replied(seconds: 0.002)
    var info: InfoOutcome? = .parsed(healthy())
    var previous: ServerInfo? = healthy()
    var thresholds = HealthThresholds()
    var expected: HealthStatus
    var testDescription: String { name }
}

private func degraded(_ reasons: String...) -> HealthStatus { .degraded(reasons: reasons) }

private let refused = "could not connect to 127.0.0.1:6390: connection refused (nothing listens there)"

private let cases: [AssessmentCase] = [
    AssessmentCase(name: "ok", expected: .ok),
    AssessmentCase(name: "ok without INFO", info: nil, expected: .ok),
    AssessmentCase(name: "ok on the first probe", previous: nil, expected: .ok),
    AssessmentCase(name: "slow PING", ping: .replied(seconds: 0.25),
                   expected: degraded("PING took 250 ms (slow above 100 ms)")),
    AssessmentCase(name: "PING exactly at the threshold", ping: .replied(seconds: 0.1), expected: .ok),
    AssessmentCase(name: "own PING threshold", ping: .replied(seconds: 0.0042),
                   thresholds: HealthThresholds(slowPingSeconds: 0.002),
                   expected: degraded("PING took 4.2 ms (slow above 2.0 ms)")),
    AssessmentCase(name: "loading", info: .parsed(healthy { $0.loading = true }),
                   expected: degraded("the server is still loading its dataset into memory")),
    AssessmentCase(name: "RDB save failed", info: .parsed(healthy { $0.rdbLastBackgroundSaveStatus = "err" }),
                   expected: degraded("persistence error: the last RDB snapshot (BGSAVE) failed")),
    AssessmentCase(name: "AOF write failing", info: .parsed(healthy { $0.aofEnabled = true; $0.aofLastWriteStatus = "err" }),
                   expected: degraded("persistence error: writing the AOF file is failing")),
    AssessmentCase(name: "old AOF status with AOF off", info: .parsed(healthy { $0.aofLastRewriteStatus = "err" }),
                   expected: .ok),
    AssessmentCase(name: "replica link down", info: .parsed(healthy {
                       $0.role = "slave"; $0.masterHost = "10.0.0.5"; $0.masterPort = 6379; $0.masterLinkStatus = "down"
                   }), expected: degraded("this replica's link to its primary 10.0.0.5:6379 is down")),
    AssessmentCase(name: "replica link up", info: .parsed(healthy {
                       $0.role = "slave"; $0.masterHost = "10.0.0.5"; $0.masterPort = 6379; $0.masterLinkStatus = "up"
                   }), expected: .ok),
    AssessmentCase(name: "rejected connections grew", info: .parsed(healthy { $0.rejectedConnections = 8 }),
                   expected: degraded("3 client connections were rejected since the last check (maxclients reached?)")),
    AssessmentCase(name: "one rejected connection", info: .parsed(healthy { $0.rejectedConnections = 6 }),
                   expected: degraded("1 client connection was rejected since the last check (maxclients reached?)")),
    AssessmentCase(name: "old rejections only", info: .parsed(healthy()), previous: healthy(), expected: .ok),
    AssessmentCase(name: "rejections without an earlier probe", info: .parsed(healthy { $0.rejectedConnections = 50 }),
                   previous: nil, expected: .ok),
    AssessmentCase(name: "rejections after a restart count from zero",
                   info: .parsed(healthy { $0.uptimeSeconds = 3; $0.rejectedConnections = 7 }),
                   expected: degraded("7 client connections were rejected since the last check (maxclients reached?)")),
    AssessmentCase(name: "rejections after CONFIG RESETSTAT count from zero",
                   info: .parsed(healthy { $0.uptimeSeconds = 130; $0.rejectedConnections = 2 }),
                   expected: degraded("2 client connections were rejected since the last check (maxclients reached?)")),
    AssessmentCase(name: "evictions", info: .parsed(healthy { $0.evictedKeys = 120 }),
                   expected: degraded("120 keys were evicted since the last check: memory is full")),
    AssessmentCase(name: "memory near maxmemory",
                   info: .parsed(healthy { $0.usedMemory = 950 * mebibyte; $0.maxMemory = 1024 * mebibyte }),
                   expected: degraded("memory use is 93% of maxmemory (950.0 MiB of 1.0 GiB)")),
    AssessmentCase(name: "memory well under maxmemory",
                   info: .parsed(healthy { $0.usedMemory = 800 * mebibyte; $0.maxMemory = 1024 * mebibyte }),
                   expected: .ok),
    AssessmentCase(name: "fragmented", info: .parsed(healthy { $0.usedMemory = 512 * mebibyte; $0.fragmentationRatio = 2.1 }),
                   expected: degraded("memory fragmentation ratio is 2.10 (above 1.50) with 512.0 MiB used")),
    AssessmentCase(name: "small server with a large ratio",
                   info: .parsed(healthy { $0.usedMemory = 991_384; $0.fragmentationRatio = 7.68 }), expected: .ok),
    AssessmentCase(name: "several at once", ping: .replied(seconds: 0.3),
                   info: .parsed(healthy {
                       $0.loading = true; $0.evictedKeys = 4; $0.rejectedConnections = 6
                       $0.usedMemory = 99 * mebibyte; $0.maxMemory = 100 * mebibyte; $0.fragmentationRatio = 1.8
                   }),
                   expected: degraded("PING took 300 ms (slow above 100 ms)",
                                      "the server is still loading its dataset into memory",
                                      "1 client connection was rejected since the last check (maxclients reached?)",
                                      "4 keys were evicted since the last check: memory is full",
                                      "memory use is 99% of maxmemory (99.0 MiB of 100.0 MiB)",
                                      "memory fragmentation ratio is 1.80 (above 1.50) with 99.0 MiB used")),
    AssessmentCase(name: "INFO refused", info: .unusable("INFO was refused: NOPERM this user has no permissions"),
                   expected: degraded("INFO was refused: NOPERM this user has no permissions")),
    AssessmentCase(name: "no connection", ping: .failed(refused), info: nil, expected: .down(reason: refused)),
    AssessmentCase(name: "PING error reply", ping: .errorReply("LOADING Redis is loading the dataset in memory"), info: nil,
                   expected: .down(reason: "PING was answered with an error: LOADING Redis is loading the dataset in memory")),
    AssessmentCase(name: "down wins over what INFO said", ping: .failed("no reply"),
                   info: .parsed(healthy { $0.loading = true }), expected: .down(reason: "no reply")),
]

@Suite("Health assessment") struct HealthAssessmentTests {
    @Test(arguments: cases)
    func decides(_ example: AssessmentCase) {
        let status = HealthAssessment.status(ping: example.ping, info: example.info, previous: example.previous,
                                             thresholds: example.thresholds)
        #expect(status == example.expected)
    }

    @Test func labelsAndSummaries() {
        #expect(HealthStatus.ok.label == "ok")
        #expect(HealthStatus.ok.summary == "ok")
        let degraded = HealthStatus.degraded(reasons: ["PING took 250 ms", "loading"])
        #expect(degraded.label == "degraded")
        #expect(degraded.summary == "degraded: PING took 250 ms; loading")
        let down = HealthStatus.down(reason: "connection refused")
        #expect(down.label == "down")
        #expect(down.summary == "down: connection refused")
    }

    @Test func figures() {
        #expect(Figures.decimal(1.5, places: 2) == "1.50")
        #expect(Figures.decimal(2.999, places: 2) == "3.00")
        #expect(Figures.decimal(-0.25, places: 1) == "-0.3")
        #expect(Figures.decimal(-0.01, places: 1) == "0.0")
        #expect(Figures.decimal(93.4, places: 0) == "93")
        #expect(Figures.bytes(1023) == "1023 B")
        #expect(Figures.bytes(1536) == "1.5 KiB")
        #expect(Figures.bytes(5 * 1024 * 1024 * 1024 * 1024 * 1024) == "5120.0 TiB")
        #expect(Figures.milliseconds(0.0004) == "0.4 ms")
        #expect(Figures.milliseconds(1.5) == "1500 ms")
    }
}

@Suite("Health history") struct HealthHistoryTests {
    private func sample(_ time: Double, info: ServerInfo? = nil) -> HealthSample {
        HealthSample(time: time, pingSeconds: 0.001, info: info, status: .ok, error: nil)
    }

    @Test func keepsTheNewestUpToCapacityOldestFirst() {
        var history = HealthHistory(capacity: 3)
        #expect(history.samples.isEmpty)
        #expect(history.latest == nil)
        for time in 1...5 {
            history.append(sample(Double(time)))
        }
        #expect(history.samples.map(\.time) == [3, 4, 5])
        #expect(history.latest?.time == 5)
        #expect(HealthHistory().capacity == 120)
    }

    @Test func capacityIsAtLeastOne() {
        var history = HealthHistory(capacity: 0)
        history.append(sample(1))
        history.append(sample(2))
        #expect(history.capacity == 1)
        #expect(history.samples.map(\.time) == [2])
    }

    @Test func latestInfoSkipsSamplesWithoutIt() {
        var history = HealthHistory(capacity: 10)
        #expect(history.latestInfo == nil)
        history.append(sample(1, info: healthy { $0.uptimeSeconds = 1 }))
        history.append(sample(2, info: healthy { $0.uptimeSeconds = 2 }))
        history.append(sample(3))
        #expect(history.latestInfo?.uptimeSeconds == 2)
    }

    @Test func isAValue() {
        var original = HealthHistory(capacity: 2)
        original.append(sample(1))
        var copy = original
        copy.append(sample(2))
        #expect(original.samples.count == 1)
        #expect(copy.samples.count == 2)
    }
}
