import ConnCore
import Testing
import TestSupport

/// `ClientSession.executeReadOnlyBatch` against a real TLS redis-server: one round trip for
/// read-only commands, replies in order, and never batched when a command writes.
@Suite("Read-only batches through the pool") struct ReadOnlyBatchTests {
    @Test func batchesReadsAndLeavesWritesAlone() throws {
        var pool = PoolSettings()
        pool.maxSize = 1
        try withTLSClient(pool: pool) { client in try Self.exercise(client.makeSession()) }
    }

    static func exercise(_ session: ClientSession) throws {
        _ = try session.execute(SessionStateTests.words("RPUSH l a b c"))
        _ = try session.execute(SessionStateTests.words("SET s hello"))
        let reads = ["TYPE l", "TYPE s", "LLEN l", "STRLEN s", "TYPE missing"].map(SessionStateTests.words)
        #expect(try session.executeReadOnlyBatch(reads)
                == [.simple("list"), .simple("string"), .integer(3), .integer(5), .simple("none")])

        // The pooled connection is killed while idle: the batch still gets its replies.
        _ = try session.execute(SessionStateTests.words("CLIENT KILL TYPE normal SKIPME no"))
        #expect(try session.executeReadOnlyBatch(reads).count == 5)

        // A write in the list: run one by one, by the single-command rules.
        #expect(try session.executeReadOnlyBatch([SessionStateTests.words("INCR n"), SessionStateTests.words("GET n")]) == [.integer(1), .bulk("1")])
        #expect(try session.executeReadOnlyBatch([]) == [])
    }
}
