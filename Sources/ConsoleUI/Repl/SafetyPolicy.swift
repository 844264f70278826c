import ConnCore

/// Guards at the prompt, decided from the typed arguments alone (before anything is sent):
/// typed confirmations for destructive commands in the production profile, and `--read-only`.
/// A leading `N ` repeat count is looked through. Neither guard sees inside EVAL/FCALL scripts
/// or MULTI blocks run by other clients: they catch slips at the keyboard, they are not ACLs.
public enum SafetyPolicy {
    /// A DBSIZE above this makes KEYS ask first (KEYS blocks the server while it walks them all).
    public static let keysConfirmationThreshold = 10_000

    // MARK: confirmations

    /// `.none` outside the production profile. In production: commands that destroy data, or
    /// stop, reconfigure or re-role the server, need their name typed back; KEYS needs `yes`,
    /// and only when the keyspace is large.
    public static func confirmation(for argv: [[UInt8]], profile: Profile, server: String) -> ConfirmationNeed {
        guard profile == .production else { return .none }
        let command = RepeatPrefix.command(of: argv)
        guard let first = command.first else { return .none }
        let name = lower(first)
        let sub = command.count > 1 ? lower(command[1]) : ""
        let arguments = Array(command.dropFirst())

        if name == "keys" {
            let confirmation = Confirmation(
                command: "KEYS",
                effect: "walks every key of the database in one go, and the server answers nobody else until it is done "
                    + "(more than \(keysConfirmationThreshold) keys here; SCAN does the same in small steps)",
                server: server, expectedAnswer: "yes")
            return .ifKeyspaceLarger(than: keysConfirmationThreshold, confirmation)
        }
        guard let (display, effect) = destructiveEffect(name: name, sub: sub, arguments: arguments) else { return .none }
        return .confirm(Confirmation(command: display, effect: effect, server: server, expectedAnswer: display))
    }

    /// The name to type and what the command does, for the commands that need a confirmation.
    private static func destructiveEffect(name: String, sub: String, arguments: [[UInt8]]) -> (String, String)? {
        func argument(_ index: Int) -> String { index < arguments.count ? shown(arguments[index]) : "?" }
        switch (name, sub) {
        case ("flushall", _): return ("FLUSHALL", "deletes every key in every database")
        case ("flushdb", _): return ("FLUSHDB", "deletes every key in the current database")
        case ("shutdown", _): return ("SHUTDOWN", "stops the server; every client is disconnected")
        case ("debug", _): return ("DEBUG", "is a debugging command that can crash, stall, reload or alter the server")
        case ("config", "set"):
            // Only the parameter names are echoed, never their values (requirepass ...).
            let names = stride(from: 1, to: arguments.count, by: 2).map { shown(arguments[$0]) }
            return ("CONFIG SET", "changes \(names.isEmpty ? "settings" : names.joined(separator: ", ")) on the running server")
        case ("config", "rewrite"): return ("CONFIG REWRITE", "rewrites the server's configuration file with its running settings")
        case ("config", "resetstat"): return ("CONFIG RESETSTAT", "resets the server's statistics (INFO counters, command stats, latency)")
        case ("script", "flush"): return ("SCRIPT FLUSH", "removes every cached Lua script")
        case ("function", "flush"): return ("FUNCTION FLUSH", "deletes every function library")
        case ("function", "delete"): return ("FUNCTION DELETE", "deletes the function library \(argument(1))")
        case ("function", "restore"): return ("FUNCTION RESTORE", "loads function libraries from a dump, replacing existing ones if asked")
        case ("swapdb", _): return ("SWAPDB", "swaps databases \(argument(0)) and \(argument(1)) for every client")
        case ("replicaof", _), ("slaveof", _):
            let display = name.uppercased()
            if sub == "no", arguments.count > 1, lower(arguments[1]) == "one" {
                return (display, "stops replication and makes the server a master")
            }
            return (display, "makes the server a replica of \(argument(0)):\(argument(1)); it discards its own data")
        case ("cluster", "reset"): return ("CLUSTER RESET", "resets the node's cluster state (its slots and known nodes)")
        case ("cluster", "failover"): return ("CLUSTER FAILOVER", "promotes this replica, demoting its master")
        case ("cluster", "flushslots"): return ("CLUSTER FLUSHSLOTS", "removes every slot from this node")
        case ("client", "kill"): return ("CLIENT KILL", "disconnects the matching clients")
        case ("acl", "deluser"):
            return ("ACL DELUSER", "deletes the ACL user(s) \(arguments.dropFirst().map(shown).joined(separator: ", "))")
        case ("migrate", _):
            return ("MIGRATE", "moves keys to \(argument(0)):\(argument(1)), deleting them here unless COPY is given")
        default: return nil
        }
    }

    // MARK: --read-only

    /// Commands that change nothing on the server but the state of our own connection, allowed
    /// although not flagged `readonly`.
    static let sessionCommands: Set<String> = [
        "select", "auth", "hello", "reset", "quit", "readonly", "readwrite", "asking",
        "multi", "exec", "discard", "watch", "unwatch",
        "subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe", "monitor",
        "client|setname", "client|reply", "client|tracking", "client|caching",
    ]

    /// nil when `argv` may run in a `--read-only` session: it is flagged read-only (by the server's
    /// `COMMAND` or the built-in table), is harmless introspection (PING, INFO, CONFIG GET, ...),
    /// or only sets up our own connection (SELECT, MULTI, SUBSCRIBE, ...). Everything else is
    /// refused: writes; commands that change the server without writing keys (CONFIG SET, SHUTDOWN,
    /// EVAL, PUBLISH, ...); and unknown commands, because nothing says whether they write and a
    /// write must never be guessed read-only.
    public static func readOnlyRefusal(for argv: [[UInt8]], catalog: CommandCatalog) -> ConsoleError? {
        let command = RepeatPrefix.command(of: argv)
        guard let name = catalog.commandName(of: command) else { return nil }
        if sessionCommands.contains(name) || catalog.isSafeToResend(command) { return nil }
        let display = name.uppercased().split(separator: "|").map { shown(Array($0.utf8)) }.joined(separator: " ")
        let why: String
        switch catalog.flags(of: name) {
        case nil:
            why = "\(display) is not a command redis-console knows (the server's command table and the built-in one "
                + "do not list it), so it cannot tell whether it changes data"
        case let flags? where flags.isWrite:
            why = "\(display) writes data"
        case _?:
            why = "\(display) is not a read-only command: it can change the server without writing keys"
        }
        return ConsoleError(.configuration, "refused: \(why), and this session is read-only (--read-only)",
                            hint: "not executed; start the console without --read-only to run it")
    }

    // MARK: helpers

    private static func lower(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self).lowercased() }

    /// A typed argument for a warning: as it is when printable, redis-cli-quoted otherwise, so
    /// control characters never reach the terminal.
    private static func shown(_ bytes: [UInt8]) -> String {
        if !bytes.isEmpty, bytes.allSatisfy({ (0x21...0x7e).contains($0) }) { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        ByteEscaping.appendRepr(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
