import Synchronization

/// A command's flags as the server reports them (`readonly`, `write`, `blocking`, ...).
public struct CommandFlags: Sendable, Equatable {
    public var flags: Set<String>

    public init(_ flags: Set<String>) {
        self.flags = Set(flags.map { $0.lowercased() })
    }

    /// Reads and changes nothing. A blocking read (XREAD BLOCK) counts too: resending it only
    /// waits again, and it has the command's own timeout anyway.
    public var isReadOnly: Bool { flags.contains("readonly") && !isWrite }

    public var isWrite: Bool { flags.contains("write") }
}

/// Which commands are safe to send again after their reply was lost. The server's own
/// `COMMAND INFO` decides where the session has asked it; a table generated from Redis 7.0
/// answers until then. Anything neither knows is not safe: a write must never be guessed safe.
public final class CommandCatalog: Sendable {
    /// Not flagged `readonly`, yet they only report something, so a second run changes nothing.
    /// Left out on purpose: PUBLISH (delivers twice), ACL LOG (ACL LOG RESET clears it),
    /// CLIENT SETNAME/REPLY/TRACKING (session state), WAIT, SAVE/BGSAVE, MEMORY PURGE, DEBUG.
    /// Every "container|help" is harmless as well (see `isHarmless`).
    static let harmlessWithoutReadOnlyFlag: Set<String> = [
        "ping", "echo", "time", "info", "lastsave", "role",
        "command", "command|count", "command|docs", "command|getkeys", "command|getkeysandflags",
        "command|info", "command|list",
        "config|get",
        "client|getname", "client|getredir", "client|id", "client|info", "client|list", "client|trackinginfo",
        "cluster|countkeysinslot", "cluster|getkeysinslot", "cluster|info", "cluster|keyslot", "cluster|links",
        "cluster|myid", "cluster|nodes", "cluster|replicas", "cluster|shards", "cluster|slaves", "cluster|slots",
        "acl|cat", "acl|dryrun", "acl|genpass", "acl|getuser", "acl|list", "acl|users", "acl|whoami",
        "memory|doctor", "memory|malloc-stats", "memory|stats",
        "latency|doctor", "latency|graph", "latency|histogram", "latency|history", "latency|latest",
        "slowlog|get", "slowlog|len",
        "pubsub|channels", "pubsub|numpat", "pubsub|numsub", "pubsub|shardchannels", "pubsub|shardnumsub",
        "script|exists", "function|dump", "function|list", "function|stats", "module|list",
    ]

    /// Names asked about that the server does not have are remembered so they are not asked again;
    /// bounded, because every typo at the prompt is such a name.
    static let maxRememberedAbsent = 1024

    private struct State {
        /// What the server said, by lower-case name ("get", "config|get").
        var learned: [String: CommandFlags] = [:]
        /// Names the server said it does not have.
        var absent: Set<String> = []
        /// Learned names that have subcommands ("config" once "config|get" is known).
        var containers: Set<String> = []
    }

    private let state = Mutex(State())

    /// Containers of the built-in table: every name before a "|".
    private static let builtInContainers: Set<String> = Set(
        (BuiltInCommandTable.readOnly.union(BuiltInCommandTable.writes).union(BuiltInCommandTable.others))
            .compactMap { name in name.firstIndex(of: "|").map { String(name[..<$0]) } })

    public init() {}

    /// Whether `argv` may be sent again after its reply was lost. Container commands (CONFIG,
    /// CLIENT, XINFO, ...) are judged by their subcommand: CONFIG GET is safe, CONFIG SET is not.
    public func isSafeToResend(_ argv: [[UInt8]]) -> Bool {
        guard let name = commandName(of: argv), let flags = flags(of: name) else { return false }
        if flags.isWrite { return false }
        return flags.isReadOnly || Self.isHarmless(name)
    }

    /// The name the decision looks up: "get", or "config|get" for a container's subcommand.
    public func commandName(of argv: [[UInt8]]) -> String? {
        guard let first = argv.first else { return nil }
        let name = String(decoding: first, as: UTF8.self).lowercased()
        guard argv.count > 1, isContainer(name) else { return name }
        return name + "|" + String(decoding: argv[1], as: UTF8.self).lowercased()
    }

    /// The server's flags where it was asked, else the built-in table's; nil when neither knows
    /// the name or the server said it has no such command (or no such container).
    public func flags(of name: String) -> CommandFlags? {
        let name = name.lowercased()
        let container = name.firstIndex(of: "|").map { String(name[..<$0]) }
        let (learned, absent) = state.withLock { state in
            let absent = state.absent.contains(name) || (container.map { state.absent.contains($0) } ?? false)
            return (state.learned[name], absent)
        }
        if let learned { return learned }
        if absent { return nil }
        if BuiltInCommandTable.readOnly.contains(name) { return CommandFlags(["readonly"]) }
        if BuiltInCommandTable.writes.contains(name) { return CommandFlags(["write"]) }
        if BuiltInCommandTable.others.contains(name) { return CommandFlags([]) }
        return nil
    }

    /// True until the server has told about `name` ("get", "config" or "config|get"), in a reply
    /// given to `learn` or as absent.
    public func needsLookup(_ name: String) -> Bool {
        let name = name.lowercased()
        return state.withLock { $0.learned[name] == nil && !$0.absent.contains(name) }
    }

    /// Takes in the reply of `COMMAND`, `COMMAND INFO name...` (RESP2: per command an array
    /// [name, arity, flags, first key, last key, step, ACL categories, tips, key specs,
    /// subcommands], or nil for a name the server does not have). `asked` are the names given to
    /// COMMAND INFO, in order, so that a nil entry marks its name absent. Entries that do not have
    /// this shape are skipped: a reply from another server version must not break the console.
    public func learn(fromCommandInfo reply: RESPValue, asked: [String] = []) {
        guard case .array(let entries) = reply else { return }
        var found: [String: CommandFlags] = [:]
        var missing: [String] = []
        for (index, entry) in entries.enumerated() {
            if entry == .null, index < asked.count {
                missing.append(asked[index].lowercased())
            } else {
                Self.collect(entry, into: &found)
            }
        }
        state.withLock { state in
            state.learned.merge(found) { _, new in new }
            for name in found.keys {
                state.absent.remove(name)
                if let bar = name.firstIndex(of: "|") { state.containers.insert(String(name[..<bar])) }
            }
            for name in missing where state.learned[name] == nil && state.absent.count < Self.maxRememberedAbsent {
                state.absent.insert(name)
            }
        }
    }

    private static func collect(_ entry: RESPValue, into found: inout [String: CommandFlags]) {
        guard case .array(let fields) = entry, fields.count >= 3, let name = fields[0].text,
              case .array(let flagValues) = fields[2] else { return }
        found[name.lowercased()] = CommandFlags(Set(flagValues.compactMap(\.text)))
        if fields.count > 9, case .array(let subcommands) = fields[9] {
            for subcommand in subcommands { collect(subcommand, into: &found) }
        }
    }

    private func isContainer(_ name: String) -> Bool {
        Self.builtInContainers.contains(name) || state.withLock { $0.containers.contains(name) }
    }

    private static func isHarmless(_ name: String) -> Bool {
        harmlessWithoutReadOnlyFlag.contains(name) || (name.contains("|") && name.hasSuffix("|help"))
    }
}
