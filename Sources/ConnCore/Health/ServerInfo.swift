/// The facts a health check needs from an `INFO` reply. Every field is optional: servers differ
/// by version and configuration, a proxy or an ACL may hide sections, and a missing field must
/// read as "unknown", never as zero.
public struct ServerInfo: Sendable, Equatable {
    // Server
    public var version: String?
    /// `master`, or `slave` for a replica (Redis still says slave in INFO).
    public var role: String?
    public var uptimeSeconds: Int?

    // Clients
    public var connectedClients: Int?
    public var blockedClients: Int?

    // Memory
    public var usedMemory: Int?
    /// Bytes; 0 means no limit.
    public var maxMemory: Int?
    public var fragmentationRatio: Double?

    // Stats: counters since the server started.
    public var opsPerSecond: Int?
    public var keyspaceHits: Int?
    public var keyspaceMisses: Int?
    public var evictedKeys: Int?
    public var rejectedConnections: Int?

    // Persistence
    public var loading: Bool?
    /// `ok` or `err`.
    public var rdbLastBackgroundSaveStatus: String?
    public var aofEnabled: Bool?
    public var aofLastWriteStatus: String?
    public var aofLastRewriteStatus: String?

    // Replication: a primary counts its replicas, a replica describes its link to the primary.
    public var connectedReplicas: Int?
    public var masterHost: String?
    public var masterPort: Int?
    /// `up` or `down`.
    public var masterLinkStatus: String?
    /// -1 while the link is down.
    public var masterLastIOSecondsAgo: Int?

    /// Sum of `keys=` over the Keyspace section; 0 when the section is there but empty.
    public var totalKeys: Int?

    public init() {}

    /// Hits per lookup; nil before any lookup (0/0 is not a rate).
    public var hitRate: Double? {
        guard let hits = keyspaceHits, let misses = keyspaceMisses, hits + misses > 0 else { return nil }
        return Double(hits) / Double(hits + misses)
    }

    public var isReplica: Bool { role == "slave" || role == "replica" }

    /// Persistence that is failing, in words: writes the server accepts may not survive a restart.
    /// AOF statuses only count when AOF is on (they keep their last value after it is turned off).
    public var persistenceErrors: [String] {
        var errors: [String] = []
        if let status = rdbLastBackgroundSaveStatus, status != "ok" {
            errors.append("the last RDB snapshot (BGSAVE) failed")
        }
        if aofEnabled == true {
            if let status = aofLastWriteStatus, status != "ok" {
                errors.append("writing the AOF file is failing")
            }
            if let status = aofLastRewriteStatus, status != "ok" {
                errors.append("the last AOF rewrite failed")
            }
        }
        return errors
    }

    /// Parses the text of an `INFO` reply (`key:value` lines under `# Section` headers).
    /// Unknown lines are skipped, so any text gives a value; garbage gives an empty one.
    public static func parse(_ text: String) -> ServerInfo {
        var fields: [Substring: Substring] = [:]
        var section: Substring = ""
        var keys: Int?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.drop { $0 == " " }
            if line.hasPrefix("#") {
                section = line.dropFirst().drop { $0 == " " }
                if section.lowercased() == "keyspace" { keys = keys ?? 0 }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon]
            let value = line[line.index(after: colon)...]
            if section.lowercased() == "keyspace", key.hasPrefix("db") {
                keys = (keys ?? 0) + (keyCount(value) ?? 0)
            } else {
                fields[key] = value
            }
        }

        func string(_ key: Substring) -> String? { fields[key].flatMap { $0.isEmpty ? nil : String($0) } }
        func int(_ key: Substring) -> Int? { fields[key].flatMap { Int($0) } }
        func bool(_ key: Substring) -> Bool? { int(key).map { $0 != 0 } }

        var info = ServerInfo()
        info.version = string("redis_version")
        info.role = string("role")
        info.uptimeSeconds = int("uptime_in_seconds")
        info.connectedClients = int("connected_clients")
        info.blockedClients = int("blocked_clients")
        info.usedMemory = int("used_memory")
        info.maxMemory = int("maxmemory")
        info.fragmentationRatio = fields["mem_fragmentation_ratio"].flatMap { Double($0) }
        info.opsPerSecond = int("instantaneous_ops_per_sec")
        info.keyspaceHits = int("keyspace_hits")
        info.keyspaceMisses = int("keyspace_misses")
        info.evictedKeys = int("evicted_keys")
        info.rejectedConnections = int("rejected_connections")
        info.loading = bool("loading")
        info.rdbLastBackgroundSaveStatus = string("rdb_last_bgsave_status")
        info.aofEnabled = bool("aof_enabled")
        info.aofLastWriteStatus = string("aof_last_write_status")
        info.aofLastRewriteStatus = string("aof_last_bgrewrite_status")
        info.connectedReplicas = int("connected_slaves")
        info.masterHost = string("master_host")
        info.masterPort = int("master_port")
        info.masterLinkStatus = string("master_link_status")
        info.masterLastIOSecondsAgo = int("master_last_io_seconds_ago")
        info.totalKeys = keys
        return info
    }

    /// `keys=2,expires=0,avg_ttl=0` -> 2.
    private static func keyCount(_ value: Substring) -> Int? {
        for part in value.split(separator: ",") where part.hasPrefix("keys=") {
            return Int(part.dropFirst("keys=".count))
        }
        return nil
    }
}
