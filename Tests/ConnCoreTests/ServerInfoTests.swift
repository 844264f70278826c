import Testing
import ConnCore

/// INFO text as redis-server 7.0.15 on this machine sent it (CRLF line ends), trimmed to the
/// sections the health check reads. Captured after: 7 GETs of an existing key, maxmemory 4 MiB
/// with allkeys-random and 30,000 keys written (evictions), maxclients 2 with 3 extra clients
/// turned away, one client blocked in BLPOP, and redis-benchmark running GETs.
private let busyServerInfo = crlf("""
        # Server
        redis_version:7.0.15
        redis_mode:standalone
        os:Linux 6.18.44-fc-v595 x86_64
        process_id:23671
        run_id:0ef97bdf7b3e676e8208b2490b768b5db3cc8581
        tcp_port:39981
        uptime_in_seconds:4
        uptime_in_days:0
        executable:/tmp/infocap/redis-server
        config_file:

        # Clients
        connected_clients:5
        cluster_connections:0
        maxclients:1000
        blocked_clients:1
        tracking_clients:0

        # Memory
        used_memory:4163128
        used_memory_human:3.97M
        used_memory_rss:13000704
        used_memory_peak:6746848
        maxmemory:4194304
        maxmemory_human:4.00M
        maxmemory_policy:allkeys-random
        allocator_frag_ratio:1.65
        mem_fragmentation_ratio:3.12
        mem_fragmentation_bytes:8837184

        # Persistence
        loading:0
        async_loading:0
        rdb_changes_since_last_save:2
        rdb_bgsave_in_progress:0
        rdb_last_save_time:1795945405
        rdb_last_bgsave_status:ok
        aof_enabled:0
        aof_rewrite_in_progress:0
        aof_last_bgrewrite_status:ok
        aof_last_write_status:ok

        # Stats
        total_connections_received:23
        total_commands_processed:129367
        instantaneous_ops_per_sec:60192
        rejected_connections:3
        expired_keys:0
        evicted_keys:19819
        keyspace_hits:7
        keyspace_misses:129335

        # Replication
        role:master
        connected_slaves:0
        master_failover_state:no-failover
        master_replid:7767ae3dffd4f24aca6aa8673a534cec319b56a3
        master_replid2:0000000000000000000000000000000000000000
        master_repl_offset:0
        second_repl_offset:-1
        repl_backlog_active:0

        # Keyspace
        db0:keys=10183,expires=0,avg_ttl=0
        """)

/// A replica's Replication section with the link up, then one still waiting for its primary.
private let replicaLinkUp = crlf("""
        # Replication
        role:slave
        master_host:127.0.0.1
        master_port:57807
        master_link_status:up
        master_last_io_seconds_ago:1
        master_sync_in_progress:0
        slave_read_repl_offset:0
        slave_repl_offset:0
        slave_priority:100
        slave_read_only:1
        replica_announced:1
        connected_slaves:0
        master_failover_state:no-failover
        master_replid:5994bc1fa73c02c73de9f71037b3de8556a1c03b
        master_replid2:0000000000000000000000000000000000000000
        master_repl_offset:0
        second_repl_offset:-1
        repl_backlog_active:1
        repl_backlog_size:1048576
        repl_backlog_first_byte_offset:1
        repl_backlog_histlen:0
        """)

private let replicaLinkDown = crlf("""
        # Replication
        role:slave
        master_host:127.0.0.1
        master_port:32919
        master_link_status:down
        master_last_io_seconds_ago:-1
        master_sync_in_progress:0
        slave_read_repl_offset:1
        slave_repl_offset:1
        master_link_down_since_seconds:-1
        slave_priority:100
        slave_read_only:1
        replica_announced:1
        connected_slaves:0
        master_failover_state:no-failover
        master_replid:dddbc853a6edaa95dc9acedf65080cdbdc4fe069
        master_replid2:0000000000000000000000000000000000000000
        master_repl_offset:0
        second_repl_offset:-1
        repl_backlog_active:0
        repl_backlog_size:1048576
        repl_backlog_first_byte_offset:0
        repl_backlog_histlen:0
        """)

/// A Keyspace section with two databases.
private let twoDatabases = crlf("""
        # Keyspace
        db0:keys=2,expires=0,avg_ttl=0
        db2:keys=1,expires=0,avg_ttl=0
        """)

/// Redis ends every line with CRLF, the last one included.
private func crlf(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n") + "\r\n"
}

@Suite("ServerInfo parsing") struct ServerInfoTests {
    @Test func parsesEveryFieldOfARealReply() {
        let info = ServerInfo.parse(busyServerInfo)
        #expect(info.version == "7.0.15")
        #expect(info.role == "master")
        #expect(!info.isReplica)
        #expect(info.uptimeSeconds == 4)
        #expect(info.connectedClients == 5)
        #expect(info.blockedClients == 1)
        #expect(info.usedMemory == 4_163_128)
        #expect(info.maxMemory == 4_194_304)
        #expect(info.fragmentationRatio == 3.12)
        #expect(info.opsPerSecond == 60_192)
        #expect(info.keyspaceHits == 7)
        #expect(info.keyspaceMisses == 129_335)
        #expect(info.evictedKeys == 19_819)
        #expect(info.rejectedConnections == 3)
        #expect(info.loading == false)
        #expect(info.rdbLastBackgroundSaveStatus == "ok")
        #expect(info.aofEnabled == false)
        #expect(info.aofLastWriteStatus == "ok")
        #expect(info.aofLastRewriteStatus == "ok")
        #expect(info.persistenceErrors.isEmpty)
        #expect(info.connectedReplicas == 0)
        #expect(info.masterHost == nil)
        #expect(info.masterPort == nil)
        #expect(info.masterLinkStatus == nil)
        #expect(info.masterLastIOSecondsAgo == nil)
        #expect(info.totalKeys == 10_183)
        #expect(info.hitRate == 7.0 / 129_342.0)
    }

    @Test func crlfAndLFParseAlike() {
        let lf = busyServerInfo.split(separator: "\r\n").joined(separator: "\n")
        #expect(ServerInfo.parse(lf) == ServerInfo.parse(busyServerInfo))
    }

    @Test func readsAReplicasLinkToItsPrimary() {
        let up = ServerInfo.parse(replicaLinkUp)
        #expect(up.role == "slave")
        #expect(up.isReplica)
        #expect(up.masterHost == "127.0.0.1")
        #expect(up.masterPort == 57807)
        #expect(up.masterLinkStatus == "up")
        #expect(up.masterLastIOSecondsAgo == 1)
        #expect(up.connectedReplicas == 0)

        let down = ServerInfo.parse(replicaLinkDown)
        #expect(down.masterLinkStatus == "down")
        #expect(down.masterLastIOSecondsAgo == -1)
    }

    @Test func sumsKeysOverEveryDatabase() {
        #expect(ServerInfo.parse(twoDatabases).totalKeys == 3)
        // The section is there but empty: no keys, which is not the same as unknown.
        #expect(ServerInfo.parse("# Keyspace\r\n").totalKeys == 0)
        #expect(ServerInfo.parse("# Server\r\nredis_version:7.0.15\r\n").totalKeys == nil)
    }

    @Test func namesFailingPersistence() {
        var text = busyServerInfo
        text = text.replacingLine("rdb_last_bgsave_status:ok", with: "rdb_last_bgsave_status:err")
        text = text.replacingLine("aof_last_write_status:ok", with: "aof_last_write_status:err")
        // AOF statuses only count while AOF is on.
        #expect(ServerInfo.parse(text).persistenceErrors == ["the last RDB snapshot (BGSAVE) failed"])
        text = text.replacingLine("aof_enabled:0", with: "aof_enabled:1")
        text = text.replacingLine("aof_last_bgrewrite_status:ok", with: "aof_last_bgrewrite_status:err")
        #expect(ServerInfo.parse(text).persistenceErrors == [
            "the last RDB snapshot (BGSAVE) failed", "writing the AOF file is failing", "the last AOF rewrite failed",
        ])
    }

    @Test func hitRateNeedsALookup() {
        var info = ServerInfo()
        #expect(info.hitRate == nil)
        info.keyspaceHits = 0
        info.keyspaceMisses = 0
        #expect(info.hitRate == nil)
        info.keyspaceHits = 3
        info.keyspaceMisses = 1
        #expect(info.hitRate == 0.75)
    }

    @Test(arguments: ["", "\r\n\r\n", "hello world", "PONG", "-ERR unknown command", ":::\r\n#\r\n"])
    func garbageGivesNoFacts(text: String) {
        #expect(ServerInfo.parse(text) == ServerInfo())
    }

    @Test func malformedValuesAreUnknownNotZero() {
        let info = ServerInfo.parse("""
            # Server\r
            redis_version:\r
            uptime_in_seconds:abc\r
            used_memory:12x\r
            mem_fragmentation_ratio:\r
            connected_clients:-3\r
            loading\r
            # Keyspace\r
            db0:expires=1\r
            db1:keys=oops,expires=0\r
            db2:keys=4\r
            """)
        #expect(info.version == nil)
        #expect(info.uptimeSeconds == nil)
        #expect(info.usedMemory == nil)
        #expect(info.fragmentationRatio == nil)
        #expect(info.loading == nil)
        #expect(info.connectedClients == -3)   // a number, passed on as sent
        #expect(info.totalKeys == 4)
    }
}

private extension String {
    /// The fixture with one whole line changed; fails loudly if the line is not there.
    func replacingLine(_ old: String, with new: String) -> String {
        var lines = split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(of: old) else {
            Issue.record("fixture has no line '\(old)'")
            return self
        }
        lines[index] = new
        return lines.joined(separator: "\r\n")
    }
}
